import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A Smart Account, known to the API by its domain. */
@Entity({ name: 'accounts' })
@Index('accounts_domain_uq', ['domain'], { unique: true })
export class Account {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  domain!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
