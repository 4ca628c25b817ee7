import { subjects, type FleetlicEnv } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { expectEventually } from '@fleetlic/testing';
import { cleanup, connectTest, schedulerEnv, startScheduler, watchWakes, type RunningScheduler, type SeenWake } from './scheduler.harness';

let env: FleetlicEnv;
let m: Messaging;
let replicas: RunningScheduler[];
let seen: SeenWake[];
const firedBy = [0, 0];

beforeAll(async () => {
  env = await schedulerEnv('sch2r');
  m = await connectTest(env);
  seen = watchWakes(m).seen;
  // Small batches so the two replicas interleave many claims instead of one taking everything.
  replicas = await Promise.all(
    [0, 1].map((i) => startScheduler(env, { fireBatchSize: 250, pollMs: 50, holder: `r${i}`, afterPublish: (rows) => void (firedBy[i] += rows.length) })),
  );
});
afterAll(async () => {
  await Promise.all(replicas.map((r) => r.close()));
  await cleanup(env, m);
});

describe('two scheduler replicas', () => {
  it('deliver 5,000 wakes exactly once between them (publish attempts counted, not JetStream dedup)', async () => {
    const at = Date.now() + 1500;
    const changes = Array.from({ length: 5000 }, (_, i) => ({ owner: `agent.sw${i}`, key: 'next', at: at + (i % 50) }));
    await replicas[0].runtime.store.apply(changes);

    await expectEventually(async () => expect(await replicas[1].runtime.store.list()).toEqual([]), { timeoutMs: 30_000, intervalMs: 200 });
    await expectEventually(() => expect(seen.length).toBeGreaterThanOrEqual(5000), { timeoutMs: 5_000 });

    const attempts = new Map<string, number>();
    for (const w of seen) attempts.set(w.msgId, (attempts.get(w.msgId) ?? 0) + 1);
    expect(attempts.size).toBe(5000);
    expect([...attempts.values()].every((n) => n === 1)).toBe(true);
    const stored = await m.jsm.streams.info(subjects(env.FLEETLIC_NAMESPACE).streams.wakes);
    expect(stored.state.messages).toBe(5000);
    console.log(`5,000 wakes: replica 0 delivered ${firedBy[0]}, replica 1 delivered ${firedBy[1]}`);
    expect(firedBy[0] + firedBy[1]).toBe(5000);
  });
});
