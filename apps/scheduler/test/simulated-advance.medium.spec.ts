import { z } from 'zod';
import { clockStateSchema, subjects, wakeSchema, type FleetlicEnv } from '@fleetlic/contracts';
import { MessagingErrorCode, type ConsumerHandle, type Messaging } from '@fleetlic/messaging';
import { cleanup, connectTest, iso, schedulerEnv, startScheduler, type RunningScheduler } from './scheduler.harness';

const START = Date.parse('2025-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
let env: FleetlicEnv;
let m: Messaging;
let sched: RunningScheduler;
let owner: ConsumerHandle;
const woken: { at: string; time?: number; clockSeen: number }[] = [];

beforeAll(async () => {
  env = await schedulerEnv('schsim', { FLEETLIC_CLOCK: 'simulated', FLEETLIC_START_TIME: iso(START) });
  sched = await startScheduler(env);
  m = await connectTest(env);
  const s = subjects(env.FLEETLIC_NAMESPACE);
  // A fake agent: on each wake it asks for the next one an hour later, as a switch's timer would.
  owner = m.consume({
    stream: s.streams.wakes,
    durable: s.consumers.agentWakes,
    filterSubjects: [s.wakeAgentAll],
    schema: wakeSchema,
    concurrency: 4,
    handler: async (wake, ctx) => {
      woken.push({ at: wake.at, time: ctx.time, clockSeen: sched.runtime.clock.now() });
      await m.publish(s.wakeRequest, { owner: wake.owner, key: wake.key, at: iso(Date.parse(wake.at) + HOUR) }, { time: ctx.time });
    },
  });
  await owner.ready;
  await m.publish(s.wakeRequest, { owner: 'agent.sw1', key: 'next', at: iso(START + HOUR) });
});
afterAll(async () => {
  await owner.stop();
  await sched.close();
  await cleanup(env, m);
});

const advance = (to: number) => m.request(subjects(env.FLEETLIC_NAMESPACE).clockAdvance, { to: iso(to) }, { schema: z.object({ now: z.string() }), timeoutMs: 120_000 });

describe('simulated clock advance', () => {
  it('answers clock.now with the simulated start instant', async () => {
    const state = await m.request(subjects(env.FLEETLIC_NAMESPACE).clockNow, {}, { schema: clockStateSchema });
    expect(state).toEqual({ mode: 'simulated', now: iso(START) });
  });

  it('advancing 48 h delivers exactly 48 wakes, each at its exact instant', async () => {
    const progress: string[] = [];
    const sub = m.nc.subscribe(`${env.FLEETLIC_NAMESPACE}.clock.progress`, { callback: (_e, msg) => void progress.push(msg.json<{ now: string }>().now) });
    const began = Date.now();
    expect(await advance(START + 48 * HOUR)).toEqual({ now: iso(START + 48 * HOUR) });
    console.log(`48 simulated hours with a wake each hour took ${Date.now() - began} ms`);
    sub.unsubscribe();

    const expected = Array.from({ length: 48 }, (_, i) => iso(START + (i + 1) * HOUR));
    expect(woken.map((w) => w.at)).toEqual(expected);
    expect(woken.map((w) => (w.time === undefined ? undefined : iso(w.time)))).toEqual(expected);
    // The scheduler's clock stood at each wake's instant when the owner handled it.
    expect(woken.map((w) => iso(w.clockSeen))).toEqual(expected);
    expect(progress).toEqual(expected);
    // The 49th wake-up is stored for later, not delivered.
    expect(await sched.runtime.store.list()).toEqual([{ owner: 'agent.sw1', key: 'next', at: START + 49 * HOUR, attempts: 0 }]);
  });

  it('refuses a target in the past, and a target equal to now is a no-op', async () => {
    await expect(advance(START)).rejects.toMatchObject({ code: MessagingErrorCode.RemoteError, remoteCode: 'CLOCK_IN_PAST' });
    expect(await advance(START + 48 * HOUR)).toEqual({ now: iso(START + 48 * HOUR) });
    expect(woken).toHaveLength(48);
  });
});
