import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import type { KV } from '@nats-io/kv';
import { ClockError, ClockErrorCode } from './clock.error';
import { CLOCK_KEYS, createBucket, readInstant } from './clock-bucket';
import { formatInstant } from './duration';
import { SimulatedClock } from './simulated-clock';

interface Lease {
  holder: string;
  /** Wall-clock expiry: leases are about process liveness, not simulated time. */
  expiresAt: number;
}

export interface OwnerOptions {
  /** Identifies this replica in the lease (default: a random id). */
  holder?: string;
  /** How long a lease lasts without renewal (default 10 s); renewed every third of it. */
  leaseTtlMs?: number;
}

/**
 * The scheduler's handle on the simulated clock: it creates the bucket, holds the `lease` key
 * (compare-and-set on the key's revision, so among several scheduler replicas exactly one owns
 * the clock at a time) and writes `now`, again by revision, so that a replica that lost its
 * lease without noticing cannot overwrite the new owner's instant.
 */
export class SimulatedClockOwner extends SimulatedClock {
  readonly holder: string;
  private readonly ttl: number;
  private leaseRevision?: number;
  private leaseExpiresAt = 0;
  private nowRevision = 0;
  private timer?: NodeJS.Timeout;
  private readonly ownershipListeners = new Set<(owner: boolean) => void>();

  private constructor(nc: NatsConnection, bucket: string, kv: KV, start: number, opts: OwnerOptions) {
    super(nc, bucket, kv, start);
    this.holder = opts.holder ?? randomUUID();
    this.ttl = opts.leaseTtlMs ?? 10_000;
  }

  /** Creates the bucket and the start instant if missing, then tries to take the lease. */
  static async openOwner(nc: NatsConnection, bucket: string, start: number, opts: OwnerOptions = {}): Promise<SimulatedClockOwner> {
    const kv = await createBucket(nc, bucket);
    // create() fails when the key exists: a restarted or second scheduler keeps the stored time.
    await kv.create(CLOCK_KEYS.now, formatInstant(start)).catch(() => undefined);
    const owner = new SimulatedClockOwner(nc, bucket, kv, start, opts);
    await owner.start();
    await owner.tick();
    owner.timer = setInterval(() => void owner.tick(), Math.max(50, Math.floor(owner.ttl / 3)));
    return owner;
  }

  /** True while this replica holds an unexpired lease. */
  get isOwner(): boolean {
    return this.leaseRevision !== undefined && Date.now() < this.leaseExpiresAt;
  }

  /** Calls `fn(true)` when this replica gains the clock and `fn(false)` when it loses it. */
  onOwnership(fn: (owner: boolean) => void): () => void {
    this.ownershipListeners.add(fn);
    return () => this.ownershipListeners.delete(fn);
  }

  /** Moves the simulated time to `t` (never backwards). Only the lease holder may. */
  async set(t: number): Promise<void> {
    if (!this.isOwner) throw new ClockError(ClockErrorCode.NotOwner, `replica ${this.holder} does not hold the clock lease`);
    if (t < this.current) throw new ClockError(ClockErrorCode.Backwards, `the clock is at ${formatInstant(this.current)}; it cannot go back to ${formatInstant(t)}`);
    if (!this.nowRevision) this.nowRevision = (await readInstant(this.kv))?.revision ?? 0;
    try {
      this.nowRevision = await this.kv.update(CLOCK_KEYS.now, formatInstant(t), this.nowRevision);
    } catch (err) {
      this.nowRevision = 0;
      await this.refresh();
      throw new ClockError(ClockErrorCode.Conflict, `the clock was changed by another writer: ${(err as Error).message}`);
    }
    this.observe(t);
  }

  /** Renews the lease when held, else tries to take it when free or expired. */
  private async tick(): Promise<void> {
    const was = this.isOwner;
    try {
      const entry = await this.kv.get(CLOCK_KEYS.lease);
      const lease: Lease | undefined = entry?.operation === 'PUT' && entry.length > 0 ? entry.json<Lease>() : undefined;
      const mine = lease?.holder === this.holder && entry?.revision === this.leaseRevision;
      const value = JSON.stringify({ holder: this.holder, expiresAt: Date.now() + this.ttl } satisfies Lease);
      const expiresAt = Date.now() + this.ttl;
      if (!entry || entry.operation !== 'PUT' || !lease) {
        this.leaseRevision = entry ? await this.kv.update(CLOCK_KEYS.lease, value, entry.revision) : await this.kv.create(CLOCK_KEYS.lease, value);
      } else if (mine || lease.expiresAt < Date.now()) {
        this.leaseRevision = await this.kv.update(CLOCK_KEYS.lease, value, entry.revision);
      } else {
        this.leaseRevision = undefined;
      }
      if (this.leaseRevision !== undefined) this.leaseExpiresAt = expiresAt;
    } catch {
      // Lost a compare-and-set race (or NATS is away): someone else owns it, or nobody until NATS returns.
      this.leaseRevision = undefined;
    }
    if (this.isOwner !== was) for (const fn of this.ownershipListeners) fn(this.isOwner);
  }

  /** Stops renewing and frees the lease so another replica can take it at once. */
  override async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.isOwner && this.leaseRevision !== undefined) {
      await this.kv.delete(CLOCK_KEYS.lease, { previousSeq: this.leaseRevision }).catch(() => undefined);
    }
    this.leaseRevision = undefined;
    this.ownershipListeners.clear();
    await super.close();
  }
}
