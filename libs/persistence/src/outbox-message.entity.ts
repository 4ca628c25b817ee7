import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message decided inside a transaction and published after commit by the OutboxRelay
 * (libs/messaging). Each service schema has its own `outbox` table (see OUTBOX_TABLE_SQL).
 */
@Entity({ name: 'outbox' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'jsonb' })
  payload!: unknown;

  /** Trace context (traceparent) and Fleetlic-Time of the deciding step. */
  @Column({ type: 'jsonb', nullable: true })
  headers!: Record<string, string> | null;

  /** JetStream deduplication id (`Nats-Msg-Id`). */
  @Column({ name: 'msg_id', type: 'text' })
  msgId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The SQL that creates the outbox table, for each service's first migration. */
export const OUTBOX_TABLE_SQL = `CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  subject text NOT NULL,
  payload jsonb NOT NULL,
  headers jsonb,
  msg_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`;
