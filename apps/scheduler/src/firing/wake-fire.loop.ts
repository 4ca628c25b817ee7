import type { Clock } from '@fleetlic/clock';
import { subjects, wakeSchema, type Wake } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { logger } from '@fleetlic/telemetry';
import type { DeliveryOutcome, DueWakeup, WakeupStore } from '../persistence/wakeup.store';

export interface FireLoopOptions {
  /** Rows claimed per transaction. */
  batchSize: number;
  /** Poll for rows other replicas stored (their requests never reach this process's timer). */
  pollMs: number;
  /**
   * Claim rounds in flight at once (default 4). A round mostly waits (JetStream acks, then the
   * commit), so overlapping a few keeps PostgreSQL and NATS busy; SKIP LOCKED keeps their rows
   * disjoint, exactly as between replicas.
   */
  parallelRounds?: number;
  /** Test hook: runs after publishing, before the delete commits (a throw simulates a crash there). */
  afterPublish?: (rows: DueWakeup[]) => Promise<void> | void;
}

const MAX_TIMER_MS = 60_000;

/**
 * Delivers due wake-ups: claim a batch, publish each as a `wake` (pipelined, acks awaited),
 * delete what JetStream stored, repeat while batches come back full. Rounds run one at a time
 * per process; replicas exclude each other through the row locks.
 *
 * Real mode: a timer for the earliest known instant (refreshed by each request batch and after
 * each round) fires on time; the poll covers rows stored by other replicas. Simulated mode: time
 * only moves when the clock owner advances it, and the owner drains due rows itself; the poll
 * still lets every replica take part.
 */
export class WakeFireLoop {
  private readonly subjects;
  private running?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private timerAt?: number;
  private poll?: NodeJS.Timeout;
  private failures = 0;
  private backoffUntil = 0;
  private stopped = false;

  constructor(
    private readonly store: WakeupStore,
    private readonly messaging: Messaging,
    private readonly clock: Clock,
    private readonly opts: FireLoopOptions,
  ) {
    this.subjects = subjects(messaging.namespace);
  }

  start(): void {
    this.stopped = false;
    this.poll = setInterval(() => void this.kick(), this.opts.pollMs);
    void this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.poll);
    clearTimeout(this.timer);
    await this.running;
  }

  /** A wake-up at `at` was stored: fire now if due, else make sure the timer is early enough. */
  notify(at: number): void {
    if (at <= this.clock.now()) void this.kick();
    else this.arm(at);
  }

  /** Starts a round unless one is running, in which case one more follows it. */
  kick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.rounds().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Delivers everything due at `now` that no other replica holds; resolves when none is left. */
  drain(): Promise<void> {
    // A round already running also runs the follow-up round before its promise settles.
    return this.kick();
  }

  private async rounds(): Promise<void> {
    do {
      this.again = false;
      if (Date.now() < this.backoffUntil) return;
      try {
        const claimUntilShort = async () => {
          let outcome: DeliveryOutcome;
          do {
            outcome = await this.store.claimDue(this.clock.now(), this.opts.batchSize, (rows) => this.publish(rows));
            if (outcome.failed.length) throw new Error(`${outcome.failed.length} wake publishes failed`);
            this.failures = 0;
          } while (outcome.delivered.length === this.opts.batchSize && !this.stopped);
        };
        // The first round alone: when it comes back short (the usual case) nothing more is due.
        const first = await this.store.claimDue(this.clock.now(), this.opts.batchSize, (rows) => this.publish(rows));
        if (first.failed.length) throw new Error(`${first.failed.length} wake publishes failed`);
        this.failures = 0;
        if (first.delivered.length === this.opts.batchSize && !this.stopped) {
          await Promise.all(Array.from({ length: this.opts.parallelRounds ?? 4 }, claimUntilShort));
        }
        const next = await this.store.nextAt();
        if (next !== undefined) this.arm(next);
      } catch (err) {
        // NATS or PostgreSQL is away: the rows stay due; back off so a dead NATS is not hammered.
        this.failures++;
        this.backoffUntil = Date.now() + Math.min(100 * 2 ** this.failures, 5_000);
        logger.warn('wake delivery failed, will retry', { error: String(err), failures: this.failures });
        return;
      }
    } while (this.again && !this.stopped);
  }

  private async publish(rows: DueWakeup[]): Promise<DeliveryOutcome> {
    const results = await Promise.allSettled(
      rows.map((r) => {
        const at = new Date(r.at).toISOString();
        const wake: Wake = { owner: r.owner, key: r.key, at };
        return this.messaging.publish(this.subjects.wake(r.owner), wake, { msgId: `${r.owner}|${r.key}|${at}`, time: r.at, schema: wakeSchema });
      }),
    );
    await this.opts.afterPublish?.(rows);
    const delivered = rows.filter((_, i) => results[i].status === 'fulfilled');
    const failed = rows.filter((_, i) => results[i].status === 'rejected');
    return { delivered, failed };
  }

  private arm(at: number): void {
    if (this.clock.mode !== 'real' || this.stopped) return;
    if (this.timerAt !== undefined && this.timerAt <= at && this.timer) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = undefined;
      void this.kick();
    }, Math.min(Math.max(0, at - this.clock.now()), MAX_TIMER_MS));
  }
}
