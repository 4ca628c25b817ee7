import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OnpremAccount } from './onprem-account.entity';
import { VirtualAccount } from './virtual-account.entity';

/** A registered switch (product instance) in a VA, identified by its UDI. */
@Entity({ name: 'product_instances' })
@Index('product_instances_udi_uq', ['udiPid', 'udiSn'], { unique: true })
@Index('product_instances_va_idx', ['vaId'])
@Index('product_instances_onprem_account_idx', ['onpremAccountId'])
export class ProductInstance {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'udi_pid', type: 'text' })
  udiPid!: string;

  @Column({ name: 'udi_sn', type: 'text' })
  udiSn!: string;

  @Column({ name: 'va_id', type: 'uuid' })
  vaId!: string;

  @ManyToOne(() => VirtualAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'va_id', foreignKeyConstraintName: 'product_instances_va_fk' })
  virtualAccount?: VirtualAccount;

  @Column({ name: 'nxos_version', type: 'text', nullable: true })
  nxosVersion!: string | null;

  @Column({ name: 'export_controlled', type: 'boolean' })
  exportControlled!: boolean;

  @Column({ name: 'cert_serial', type: 'text' })
  certSerial!: string;

  @Column({ name: 'cert_not_after', type: 'timestamptz' })
  certNotAfter!: Date;

  /** SPKI PEM of the key the instance signs its messages with. */
  @Column({ name: 'public_key_pem', type: 'text' })
  publicKeyPem!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'last_contact_at', type: 'timestamptz' })
  lastContactAt!: Date;

  /** Usage released after 90 days of silence: it no longer counts in the VA (SPEC §6). */
  @Column({ name: 'usage_released', type: 'boolean', default: false })
  usageReleased!: boolean;

  /** Set when an administrator removed the instance: its certificate is refused from then on. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;

  /**
   * cloud mode: set on an instance mirrored from an On-Prem account's sync request. It counts in
   * the VA like a direct one but has no key here (it talks to the On-Prem server, not to us).
   */
  @Column({ name: 'onprem_account_id', type: 'uuid', nullable: true })
  onpremAccountId!: string | null;

  @ManyToOne(() => OnpremAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'onprem_account_id', foreignKeyConstraintName: 'product_instances_onprem_account_fk' })
  onpremAccount?: OnpremAccount;
}
