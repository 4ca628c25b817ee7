import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';

/** Keys of the clock bucket `<ns>_clock`. */
export const CLOCK_KEYS = { now: 'now', lease: 'lease' } as const;

/** Binds to the bucket without creating it: only the owner (the scheduler) creates it. */
export function bindBucket(nc: NatsConnection, bucket: string): Promise<KV> {
  return new Kvm(jetstream(nc)).open(bucket);
}

/** Creates the bucket if missing (idempotent). History 1: the clock needs no past values. */
export function createBucket(nc: NatsConnection, bucket: string): Promise<KV> {
  return new Kvm(jetstream(nc)).create(bucket, { history: 1 });
}

/** The stored instant, or undefined when the bucket or the key does not exist yet. */
export async function readInstant(kv: KV): Promise<{ value: number; revision: number } | undefined> {
  try {
    const e = await kv.get(CLOCK_KEYS.now);
    if (!e || e.operation !== 'PUT') return undefined;
    const value = Date.parse(e.string());
    return Number.isFinite(value) ? { value, revision: e.revision } : undefined;
  } catch (err) {
    // A missing stream means the scheduler has not started yet: the start value holds until then.
    if (/stream not found|no responders/i.test(String((err as Error).message))) return undefined;
    throw err;
  }
}
