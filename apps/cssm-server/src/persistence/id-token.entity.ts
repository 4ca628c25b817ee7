import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VirtualAccount } from './virtual-account.entity';

/** An ID token of a VA (SPEC §5): expiry on the shared clock, optional maximum uses, revocable. */
@Entity({ name: 'id_tokens' })
@Index('id_tokens_va_idx', ['vaId'])
export class IdToken {
  @PrimaryColumn({ type: 'text' })
  token!: string;

  @Column({ name: 'va_id', type: 'uuid' })
  vaId!: string;

  @ManyToOne(() => VirtualAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'va_id', foreignKeyConstraintName: 'id_tokens_va_fk' })
  virtualAccount?: VirtualAccount;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'expires_after_days', type: 'integer' })
  expiresAfterDays!: number;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'max_uses', type: 'integer', nullable: true })
  maxUses!: number | null;

  @Column({ type: 'integer', default: 0 })
  uses!: number;

  @Column({ name: 'export_controlled', type: 'boolean' })
  exportControlled!: boolean;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  /** On the shared clock, like the expiry. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
