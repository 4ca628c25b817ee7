import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VirtualAccount } from './virtual-account.entity';

/** The purchased quantity of one entitlement tag in one VA (SPEC §9). */
@Entity({ name: 'license_pools' })
export class LicensePool {
  @PrimaryColumn({ name: 'va_id', type: 'uuid' })
  vaId!: string;

  @PrimaryColumn({ type: 'text' })
  tag!: string;

  @ManyToOne(() => VirtualAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'va_id', foreignKeyConstraintName: 'license_pools_va_fk' })
  virtualAccount?: VirtualAccount;

  @Column({ type: 'integer' })
  purchased!: number;
}
