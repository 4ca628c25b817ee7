import { z } from 'zod';
import { clockStateSchema, subjects, type FleetlicEnv, type WakeRequest } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { pendingSchemaChanges } from '@fleetlic/persistence';
import { expectEventually } from '@fleetlic/testing';
import { cleanup, connectTest, iso, schedulerEnv, startScheduler, type RunningScheduler } from './scheduler.harness';

let env: FleetlicEnv;
let m: Messaging;
let sched: RunningScheduler;
const far = Date.parse('2099-01-01T00:00:00Z');

beforeAll(async () => {
  env = await schedulerEnv('schreq');
  sched = await startScheduler(env);
  m = await connectTest(env);
});
afterAll(async () => {
  await sched.close();
  await cleanup(env, m);
});

const send = (reqs: WakeRequest[]) => Promise.all(reqs.map((r) => m.publish(subjects(env.FLEETLIC_NAMESPACE).wakeRequest, r)));

describe('wake-up requests', () => {
  it('runs on a schema that matches its entity exactly (the committed migration is complete)', async () => {
    expect(await pendingSchemaChanges(sched.runtime.ds)).toEqual([]);
  });

  it('stores, replaces and cancels wake-ups, the last request per key winning', async () => {
    await send([
      { owner: 'agent.a', key: 'next', at: iso(far) },
      { owner: 'agent.b', key: 'next', at: iso(far + 1000) },
      { owner: 'cssm.cloud', key: 'release.1', at: iso(far + 2000) },
    ]);
    await expectEventually(async () => expect(await sched.runtime.store.list()).toHaveLength(3));

    await send([
      { owner: 'agent.a', key: 'next', at: iso(far + 5000) },
      { owner: 'agent.b', key: 'next', at: null },
    ]);
    await expectEventually(async () =>
      expect(await sched.runtime.store.list()).toEqual([
        { owner: 'cssm.cloud', key: 'release.1', at: far + 2000, attempts: 0 },
        { owner: 'agent.a', key: 'next', at: far + 5000, attempts: 0 },
      ]),
    );
  });

  it('applies a burst of requests in batches, cancelling a key that was never set without error', async () => {
    const burst: WakeRequest[] = [];
    for (let i = 0; i < 2000; i++) burst.push({ owner: `agent.s${i % 500}`, key: 'next', at: iso(far + i) });
    burst.push({ owner: 'agent.none', key: 'next', at: null });
    await send(burst);
    await expectEventually(async () => {
      const rows = await sched.runtime.store.list();
      const s7 = rows.find((r) => r.owner === 'agent.s7');
      expect(s7?.at).toBe(far + 1507); // the last of its four requests
      expect(rows.filter((r) => r.owner.startsWith('agent.s'))).toHaveLength(500);
    }, { timeoutMs: 20_000 });
  });

  it('real clock: clock.now answers the wall clock and clock.advance is refused with REAL_CLOCK', async () => {
    const s = subjects(env.FLEETLIC_NAMESPACE);
    const state = await m.request(s.clockNow, {}, { schema: clockStateSchema });
    expect(state.mode).toBe('real');
    expect(Math.abs(Date.parse(state.now) - Date.now())).toBeLessThan(5000);
    await expect(m.request(s.clockAdvance, { to: iso(far) }, { schema: z.object({ now: z.string() }) })).rejects.toMatchObject({ remoteCode: 'REAL_CLOCK' });
  });
});
