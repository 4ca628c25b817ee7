import { logger } from '@fleetlic/telemetry';
import type { Messaging } from './messaging';
import { contextFromRecord } from './nats-headers';

/** What the relay needs from a TypeORM DataSource (or anything with the same shape). */
export interface OutboxDataSource {
  transaction<T>(run: (tx: { query(sql: string, params?: unknown[]): Promise<any> }) => Promise<T>): Promise<T>;
}

export interface OutboxRelayOptions {
  messaging: Messaging;
  dataSource: OutboxDataSource;
  /** Table name, unqualified by default (the connection's search_path is the service schema). */
  table?: string;
  /** Rows published per round trip. */
  batchSize?: number;
  /** Poll interval for rows whose kick was missed (another replica's commit, a crash). */
  pollMs?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  payload: unknown;
  headers: Record<string, string> | null;
  msg_id: string;
}

/**
 * Publishes the rows of a service's `outbox` table after their transaction committed, in id
 * order, and deletes what JetStream acknowledged. Delivery is at-least-once from the relay and
 * exactly-once per row on the stream, because each row's `msg_id` is its `Nats-Msg-Id`
 * (a crash between publish and delete republishes inside the duplicate window).
 */
export class OutboxRelay {
  private readonly table: string;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.table = opts.table ?? 'outbox';
    this.batchSize = opts.batchSize ?? 500;
    this.pollMs = opts.pollMs ?? 1_000;
  }

  start(): this {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
    return this;
  }

  /** Call right after a commit that wrote outbox rows: publishes them without waiting for the poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true; // rows committed during this round are picked up by the next one
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Publishes until the table is empty (for shutdown and tests). */
  async flush(): Promise<void> {
    await this.running;
    while ((await this.round()) > 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        while (!this.stopped && (await this.round()) === this.batchSize);
      } catch (err) {
        // Left for the next poll: NATS or PostgreSQL may be back by then.
        logger.warn('outbox relay round failed', { table: this.table, error: String(err) });
        return;
      }
    } while (this.again && !this.stopped);
  }

  /** One batch: claim, publish pipelined, delete — in one transaction. Returns rows published. */
  private round(): Promise<number> {
    return this.opts.dataSource.transaction(async (tx) => {
      // Only one relay per table publishes at a time: several replicas claiming disjoint
      // batches with SKIP LOCKED alone could publish a later row before an earlier one.
      const [{ locked }] = await tx.query(`SELECT pg_try_advisory_xact_lock(hashtext(current_schema() || '.' || $1)) AS locked`, [this.table]);
      if (!locked) return 0;
      const rows: OutboxRow[] = await tx.query(`SELECT id, subject, payload, headers, msg_id FROM ${this.table} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`, [this.batchSize]);
      if (rows.length === 0) return 0;
      await this.opts.messaging.publishMany(
        rows.map((r) => ({
          subject: r.subject,
          payload: r.payload,
          // The publish span continues the trace of the step that decided the message.
          opts: { msgId: r.msg_id || `outbox:${this.table}:${r.id}`, headers: r.headers ?? undefined, parent: contextFromRecord(r.headers) },
        })),
      );
      await tx.query(`DELETE FROM ${this.table} WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}
