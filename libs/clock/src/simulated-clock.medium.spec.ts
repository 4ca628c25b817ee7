import { randomBytes } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { subjects } from '@fleetlic/contracts';
import { ClockErrorCode } from './clock.error';
import { createClock, createOwnedClock } from './create-clock';
import { SimulatedClockOwner } from './simulated-clock-owner';

const START = '2025-01-01T00:00:00.000Z';
const ns = `clk_${randomBytes(4).toString('hex')}`;
const env = { FLEETLIC_CLOCK: 'simulated' as const, FLEETLIC_NAMESPACE: ns, FLEETLIC_START_TIME: START };
let nc: NatsConnection;

async function until(fn: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

beforeAll(async () => {
  nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
});
afterAll(async () => {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(`KV_${subjects(ns).clockBucket}`).catch(() => undefined);
  await nc.close();
});

describe('simulated clock on NATS KV', () => {
  it('a reader started before the bucket exists sees the start value, then follows the owner', async () => {
    const reader = await createClock(env, nc);
    expect(reader.mode).toBe('simulated');
    expect(reader.now()).toBe(Date.parse(START));

    const owner = (await createOwnedClock(env, nc, { leaseTtlMs: 600 })) as SimulatedClockOwner;
    expect(owner.isOwner).toBe(true);
    const t = Date.parse('2025-01-02T06:00:00.000Z');
    await owner.set(t);
    await until(() => reader.now() === t);
    expect(reader.at(t + 1000)).toBe(t + 1000);
    expect(reader.at(t - 1000)).toBe(t);
    await expect(owner.set(t - 1)).rejects.toMatchObject({ code: ClockErrorCode.Backwards });

    // An instant witnessed from the owner's reply holds before the watch delivers it; an
    // older one does not take the reader back.
    reader.witness(t + 60_000);
    expect(reader.now()).toBe(t + 60_000);
    reader.witness(t);
    expect(reader.now()).toBe(t + 60_000);
    await owner.set(t + 60_000);

    // A late reader reads the stored instant, not its own start value.
    const late = await createClock({ ...env, FLEETLIC_START_TIME: '2030-01-01T00:00:00Z' }, nc);
    expect(late.now()).toBe(t + 60_000);
    await Promise.all([reader.close(), late.close(), owner.close()]);
  });

  it('only one of two replicas owns the clock; the other takes over when the first leaves', async () => {
    const a = (await createOwnedClock(env, nc, { holder: 'a', leaseTtlMs: 600 })) as SimulatedClockOwner;
    const b = (await createOwnedClock(env, nc, { holder: 'b', leaseTtlMs: 600 })) as SimulatedClockOwner;
    expect([a.isOwner, b.isOwner]).toEqual([true, false]);
    // The stored time survives a new owner (create() does not overwrite it).
    expect(b.now()).toBe(Date.parse('2025-01-02T06:01:00.000Z'));
    await expect(b.set(b.now() + 1)).rejects.toMatchObject({ code: ClockErrorCode.NotOwner });

    // Across several renewals the lease stays with a.
    const renewedUntil = Date.now() + 1500;
    await until(() => Date.now() > renewedUntil || b.isOwner, 3000);
    expect([a.isOwner, b.isOwner]).toEqual([true, false]);

    await a.close();
    await until(() => b.isOwner, 3000);
    await b.set(b.now() + 3_600_000);
    await b.close();
  });

  it('a stale owner cannot overwrite the instant written by a new one', async () => {
    const a = (await createOwnedClock(env, nc, { holder: 'x', leaseTtlMs: 60_000 })) as SimulatedClockOwner;
    expect(a.isOwner).toBe(true);
    await a.set(a.now() + 1000);
    // Another replica takes over behind a's back (as if a had been paused past its lease) and writes.
    const kv = await new Kvm(nc).open(subjects(ns).clockBucket);
    await kv.put('lease', JSON.stringify({ holder: 'usurper', expiresAt: Date.now() + 60_000 }));
    const theirs = a.now() + 5000;
    await kv.put('now', new Date(theirs).toISOString());
    await expect(a.set(theirs + 2000)).rejects.toMatchObject({ code: ClockErrorCode.Conflict });
    await until(() => a.now() === theirs);
    await a.close();
    await kv.delete('lease');
  });
});
