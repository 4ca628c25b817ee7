import type { NatsConnection } from '@nats-io/nats-core';
import type { KV, KvWatchEntry } from '@nats-io/kv';
import { laterOf, type Clock } from './clock';
import { bindBucket, CLOCK_KEYS, readInstant } from './clock-bucket';

/**
 * A reader of the simulated time. The instant lives in NATS KV (`<ns>_clock`, key `now`), written
 * only by the scheduler; this class keeps it in memory so `now()` is synchronous.
 *
 * Updates arrive through a KV watch (an ordered consumer: only writes the stream accepted, so a
 * refused compare-and-set by a stale owner is never seen, as it would be on a core subscription
 * to the key's subject). Services may start before the scheduler has created the bucket: until
 * then the start value holds and the watch is retried every second. The first stored
 * instant replaces the start value; after that the simulated clock never goes backwards, so
 * the cache keeps the maximum it has seen (a late, stale read cannot undo a newer write). A
 * re-read after every reconnect covers writes missed while disconnected.
 */
export class SimulatedClock implements Clock {
  readonly mode = 'simulated' as const;
  protected current: number;
  /** False until a stored instant has been seen: until then `current` is only the start value. */
  private stored = false;
  private watcher?: { stop(): void };
  private retry?: NodeJS.Timeout;
  private readonly listeners = new Set<(now: number) => void>();
  private closed = false;

  protected constructor(
    protected readonly nc: NatsConnection,
    protected readonly bucket: string,
    protected kv: KV,
    start: number,
  ) {
    this.current = start;
  }

  /** Opens the reader: subscribe first, then read, so no write can fall between the two. */
  static async open(nc: NatsConnection, bucket: string, start: number): Promise<SimulatedClock> {
    const clock = new SimulatedClock(nc, bucket, await bindBucket(nc, bucket), start);
    await clock.start();
    return clock;
  }

  protected async start(): Promise<void> {
    await this.refresh();
    await this.watch();
    void this.watchReconnects();
  }

  /** Follows `now`; when the bucket is missing or the watch ends, tries again a second later. */
  private async watch(): Promise<void> {
    if (this.closed) return;
    try {
      const iter = await this.kv.watch({ key: CLOCK_KEYS.now });
      this.watcher = iter;
      void (async () => {
        for await (const e of iter as AsyncIterable<KvWatchEntry>) if (e.operation === 'PUT') this.observeText(e.string());
      })()
        .catch(() => undefined)
        .finally(() => this.rewatch());
    } catch {
      this.rewatch();
    }
  }

  private rewatch(): void {
    if (this.closed) return;
    this.retry = setTimeout(() => void this.refresh().catch(() => undefined).then(() => this.watch()), 1000);
    this.retry.unref();
  }

  private observeText(text: string): void {
    const t = Date.parse(text);
    if (Number.isFinite(t)) this.observe(t);
  }

  now(): number {
    return this.current;
  }

  at(headerTime?: number): number {
    return laterOf(this.current, headerTime);
  }

  /** Re-reads the stored instant (e.g. after a reconnect). */
  async refresh(): Promise<void> {
    const stored = await readInstant(this.kv);
    if (stored) this.observe(stored.value);
  }

  /** Calls `fn` whenever the instant moves forward; returns the unsubscribe function. */
  onChange(fn: (now: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  witness(instant: number): void {
    if (Number.isFinite(instant) && instant > this.current) this.observe(instant);
  }

  protected observe(t: number): void {
    const first = !this.stored;
    this.stored = true;
    if (t === this.current || (!first && t < this.current)) return;
    this.current = t;
    for (const fn of this.listeners) fn(t);
  }

  private async watchReconnects(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (this.closed) return;
      if (s.type === 'reconnect') await this.refresh().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.watcher?.stop();
    this.listeners.clear();
  }
}
