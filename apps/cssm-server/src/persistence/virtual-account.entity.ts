import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from './account.entity';

/** A virtual account (VA) of a Smart Account: holds license pools, tokens and product instances. */
@Entity({ name: 'virtual_accounts' })
@Index('virtual_accounts_account_name_uq', ['accountId', 'name'], { unique: true })
export class VirtualAccount {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'virtual_accounts_account_fk' })
  account?: Account;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
