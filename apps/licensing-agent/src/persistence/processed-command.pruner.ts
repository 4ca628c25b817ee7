import type { DataSource } from 'typeorm';
import { logger } from '@fleetlic/telemetry';

/**
 * How long an applied command's id and outcome are kept (wall clock). A redelivery comes within
 * JetStream's ack waits (seconds to minutes) and a gateway's duplicate within the stream's
 * duplicate window (2 minutes); a day is far beyond both.
 */
export const PROCESSED_COMMAND_RETENTION_MS = 24 * 3600_000;
const EVERY_MS = 10 * 60_000;
/** Rows deleted per statement: short transactions, no long lock on a busy table. */
const BATCH = 5_000;

/**
 * Deletes the dedupe log of applied commands (`processed_command`) past its retention, so it
 * stays bounded by the command rate instead of growing with every command ever sent. Replicas
 * pruning at once only delete the same rows twice (SKIP LOCKED keeps them apart).
 */
export class ProcessedCommandPruner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly ds: DataSource,
    private readonly retentionMs = PROCESSED_COMMAND_RETENTION_MS,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.prune().catch((err) => logger.warn('pruning processed commands failed; next round retries', { error: String(err) })), EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round; resolves with the number of rows deleted. */
  prune(): Promise<number> {
    this.running ??= this.deleteOld().finally(() => (this.running = undefined));
    return this.running;
  }

  private async deleteOld(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted]: [unknown, number] = await this.ds.query(
        `DELETE FROM processed_command WHERE command_id IN (
           SELECT command_id FROM processed_command WHERE processed_at < now() - make_interval(secs => $1 / 1000.0)
            LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [this.retentionMs, BATCH],
      );
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
