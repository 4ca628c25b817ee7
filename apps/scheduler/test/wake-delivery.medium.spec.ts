import { subjects, type FleetlicEnv, type WakeRequest } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { expectEventually } from '@fleetlic/testing';
import { cleanup, connectTest, iso, schedulerEnv, startScheduler, watchWakes, type RunningScheduler, type SeenWake } from './scheduler.harness';

let env: FleetlicEnv;
let m: Messaging;
let sched: RunningScheduler;
let seen: SeenWake[];
let crashOnce: string | undefined;

beforeAll(async () => {
  env = await schedulerEnv('schfire');
  m = await connectTest(env);
  seen = watchWakes(m).seen;
  sched = await startScheduler(env, {
    // Simulates a crash between publishing and committing: the transaction rolls back.
    afterPublish: (rows) => {
      if (crashOnce && rows.some((r) => r.owner === crashOnce)) {
        crashOnce = undefined;
        throw new Error('simulated crash before the delete committed');
      }
    },
  });
});
afterAll(async () => {
  await sched.close();
  await cleanup(env, m);
});

const send = (reqs: WakeRequest[]) => Promise.all(reqs.map((r) => m.publish(subjects(env.FLEETLIC_NAMESPACE).wakeRequest, r)));
const storedWakes = async (owner: string) => {
  const info = await m.jsm.streams.info(subjects(env.FLEETLIC_NAMESPACE).streams.wakes, { subjects_filter: `${env.FLEETLIC_NAMESPACE}.wake.${owner}` });
  return info.state.subjects?.[`${env.FLEETLIC_NAMESPACE}.wake.${owner}`] ?? 0;
};

describe('firing due wake-ups', () => {
  it('delivers due wakes once each, in instant order, with message id and Fleetlic-Time', async () => {
    // Due a little later, so all three are stored before the first is due (order is by instant).
    const base = Date.now() + 500;
    await send([3, 1, 2].map((i) => ({ owner: 'agent.order', key: `k${i}`, at: iso(base + i * 1000) })));
    await expectEventually(() => expect(seen.filter((w) => w.subject.endsWith('agent.order'))).toHaveLength(3));
    const mine = seen.filter((w) => w.subject.endsWith('agent.order'));
    expect(mine.map((w) => w.key)).toEqual(['k1', 'k2', 'k3']);
    expect(mine[0]).toMatchObject({ subject: `${env.FLEETLIC_NAMESPACE}.wake.agent.order`, msgId: `agent.order|k1|${iso(base + 1000)}`, time: iso(base + 1000), at: iso(base + 1000) });
    expect(await storedWakes('agent.order')).toBe(3);
    // The round deletes the rows in the transaction it commits after JetStream acked the
    // publish, so a watcher can see the last wake a moment before its row is gone.
    await expectEventually(async () => expect(await sched.runtime.store.list('agent.order')).toEqual([]));
  });

  it('re-delivers a wake whose round crashed after publishing (JetStream keeps one copy)', async () => {
    crashOnce = 'agent.crash';
    await send([{ owner: 'agent.crash', key: 'next', at: iso(Date.now() - 1000) }]);
    await expectEventually(async () => {
      expect(seen.filter((w) => w.subject.endsWith('agent.crash'))).toHaveLength(2);
      expect(await sched.runtime.store.list('agent.crash')).toEqual([]);
    });
    const [a, b] = seen.filter((w) => w.subject.endsWith('agent.crash'));
    expect(a.msgId).toBe(b.msgId);
    expect(await storedWakes('agent.crash')).toBe(1);
  });

  it('does not deliver a wake replaced by a later instant, and delivers nothing cancelled', async () => {
    const later = Date.now() + 3_600_000;
    await send([{ owner: 'agent.moved', key: 'next', at: iso(later) }, { owner: 'agent.gone', key: 'next', at: iso(later) }]);
    await expectEventually(async () => expect(await sched.runtime.store.list('agent.gone')).toHaveLength(1));
    await send([{ owner: 'agent.gone', key: 'next', at: null }]);
    await expectEventually(async () => expect(await sched.runtime.store.list('agent.gone')).toEqual([]));
    expect(await sched.runtime.store.list('agent.moved')).toEqual([{ owner: 'agent.moved', key: 'next', at: later, attempts: 0 }]);
    expect(seen.filter((w) => /agent\.(moved|gone)$/.test(w.subject))).toEqual([]);
  });

  it('real mode: wakes arrive within a second of their instant (p99), while idle', async () => {
    const start = Date.now() + 1000;
    const reqs = Array.from({ length: 200 }, (_, i) => ({ owner: 'agent.lat', key: `k${i}`, at: iso(start + Math.floor((i * 3000) / 200)) }));
    await send(reqs);
    await expectEventually(() => expect(seen.filter((w) => w.subject.endsWith('agent.lat'))).toHaveLength(200), { timeoutMs: 15_000 });
    const lags = seen.filter((w) => w.subject.endsWith('agent.lat')).map((w) => w.receivedAt - Date.parse(w.at)).sort((a, b) => a - b);
    const p99 = lags[Math.ceil(lags.length * 0.99) - 1];
    console.log(`wake latency over 200 wakes: p50 ${lags[99]} ms, p99 ${p99} ms, max ${lags[199]} ms`);
    expect(lags[0]).toBeGreaterThanOrEqual(0); // never early
    expect(p99).toBeLessThan(1000);
  });
});
