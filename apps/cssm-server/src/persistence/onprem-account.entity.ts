import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { VirtualAccount } from './virtual-account.entity';

/**
 * An On-Prem account, in both modes (one table so that one migration serves both):
 * - cloud: an On-Prem account registered in a VA; the sequences and instants are those of the
 *   requests it accepted and the responses it returned;
 * - onprem: a local account tied to a cloud Smart Account and VA (`va_id` is the local mirror of
 *   that VA); the sequences are those of the requests it issued and the responses it imported.
 */
@Entity({ name: 'onprem_accounts' })
@Index('onprem_accounts_name_uq', ['name'], { unique: true })
@Index('onprem_accounts_va_idx', ['vaId'])
export class OnpremAccount {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'va_id', type: 'uuid' })
  vaId!: string;

  @ManyToOne(() => VirtualAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'va_id', foreignKeyConstraintName: 'onprem_accounts_va_fk' })
  virtualAccount?: VirtualAccount;

  /** HMAC-SHA256 key (base64url) both sides sign the sync files of this account with. */
  @Column({ name: 'sync_key', type: 'text' })
  syncKey!: string;

  /** cloud: the On-Prem server (its instance name) the last accepted request came from. */
  @Column({ name: 'onprem_instance', type: 'text', nullable: true })
  onpremInstance!: string | null;

  /** cloud: last accepted request; onprem: last issued request. */
  @Column({ name: 'last_sequence', type: 'integer', default: 0 })
  lastSequence!: number;

  /** onprem: the sequence of the last imported response (0: never synchronised). */
  @Column({ name: 'last_response_sequence', type: 'integer', default: 0 })
  lastResponseSequence!: number;

  /** cloud: last request accepted ("Last Sync Up from On-Prem"); onprem: last request issued. */
  @Column({ name: 'last_sync_up_at', type: 'timestamptz', nullable: true })
  lastSyncUpAt!: Date | null;

  /** cloud: last response returned ("Last Sync Down"); onprem: last response imported ("Last Synchronization"). */
  @Column({ name: 'last_sync_down_at', type: 'timestamptz', nullable: true })
  lastSyncDownAt!: Date | null;

  /** On the shared clock: the due date of an account never synchronised counts from here. */
  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
