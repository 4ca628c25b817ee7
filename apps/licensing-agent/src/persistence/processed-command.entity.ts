import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CommandResult } from '@fleetlic/contracts';

/**
 * Commands already applied, written in the transaction that applied them: a redelivered command
 * (crash after commit, before ack) is recognised here and only its stored result is re-published.
 */
@Entity({ name: 'processed_command' })
export class ProcessedCommandRecord {
  @PrimaryColumn({ name: 'command_id', type: 'text', primaryKeyConstraintName: 'processed_command_pkey' })
  commandId!: string;

  @Column({ type: 'jsonb' })
  outcome!: CommandResult;

  @CreateDateColumn({ name: 'processed_at', type: 'timestamptz' })
  processedAt!: Date;
}
