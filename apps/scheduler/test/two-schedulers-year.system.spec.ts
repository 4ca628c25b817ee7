import { expectEventually, startStack, type Stack } from '@fleetlic/testing';
import { conformanceApi, DAY, HOUR, instantsOf, iso, licenseServer, MINUTE, SIMULATED_ENV, START, switchBody } from './conformance.fixture';

// Issue 6, conformance 7: two scheduler replicas over a simulated year of a fleet: no wake-up
// delivered twice, none missed. Missed or doubled renewals are counted from each switch's events
// (public API); the deliveries themselves from the processes' spans (each wake published once
// across both replicas, each stored wake processed once by the agent).
// The issue asks for 1,000 switches; this machine (2 busy cores) runs that in well over the
// 3 minutes a test file may take here (each renewal is a signed HTTPS exchange and a compliance
// transaction), so N defaults to 50: FLEETLIC_CONFORMANCE_SWITCHES=1000 for the fleet.
const N = Number(process.env.FLEETLIC_CONFORMANCE_SWITCHES ?? 50);
/** Registrations spread over this many instants, so that renewals fall due at several instants. */
const GROUPS = 5;
const GROUP_STEP = 7 * HOUR + 13 * MINUTE;
const CONCURRENCY = 8;

let stack: Stack;
let api: ReturnType<typeof conformanceApi>;
const t0 = Date.parse(START);
const name = (i: number) => `fleet-${String(i).padStart(5, '0')}`;

beforeAll(async () => {
  stack = await startStack({
    env: SIMULATED_ENV,
    extra: [{ name: 'scheduler-2', script: 'dist/apps/scheduler/src/main.js', ready: { natsHealth: 'scheduler' } }],
  });
  api = conformanceApi(stack);
  await licenseServer(stack).setUp('Default', N);
});
afterAll(async () => {
  await stack?.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

async function pool<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

it(`delivers every wake-up of ${N} switches over a year exactly once with two scheduler replicas`, async () => {
  const started = Date.now();
  const token = await licenseServer(stack).token('Default', { days: 30 });
  const indexes = Array.from({ length: N }, (_, i) => i);
  await pool(indexes, async (i) => {
    const created = await api.op('POST', '/switches', { body: switchBody(name(i), `FLT${String(i).padStart(8, '0')}`) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const usage = await api.op('PUT', `/switches/${name(i)}/license/usage?wait=true`, { body: { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] } });
    expect(usage.status).toBe(200);
  });
  // Group g registers at t0 + g × GROUP_STEP.
  const registeredAt = (i: number) => t0 + (i % GROUPS) * GROUP_STEP;
  for (let g = 0; g < GROUPS; g++) {
    if (g) await api.advanceTo(t0 + g * GROUP_STEP);
    await pool(
      indexes.filter((i) => i % GROUPS === g),
      async (i) => {
        const res = await api.op('POST', `/switches/${name(i)}/license/register?wait=true`, { body: { idToken: token } });
        expect(res.status).toBe(200);
        expect(res.body.authorization.status, `${name(i)}: ${JSON.stringify(res.body.authorization)}`).toBe('AUTHORIZED');
      },
    );
  }
  console.log(`${N} switches added and registered in ${Date.now() - started} ms`);

  const year = t0 + 365 * DAY;
  const advanced = Date.now();
  for (let day = 30; day <= 390; day += 30) await api.advanceTo(Math.min(year + GROUPS * GROUP_STEP, t0 + day * DAY));
  console.log(`a simulated year in ${Date.now() - advanced} ms`);

  // Every switch: authorization at R, R + 30 d × k (k = 1..12); certificate at R + 180 d and R + 360 d; nothing else.
  let checked = 0;
  await pool(indexes, async (i) => {
    const R = registeredAt(i);
    const events = await api.events(name(i));
    expect(iso(instantsOf(events, /AUTH_RENEW_SUCCESS$/)), name(i)).toEqual(iso(Array.from({ length: 13 }, (_, k) => R + k * 30 * DAY)));
    expect(iso(instantsOf(events, /ID_CERT_RENEW_SUCCESS$/)), name(i)).toEqual(iso([R + 180 * DAY, R + 360 * DAY]));
    // One event per renewal: a wake delivered twice and acted on twice would show as a duplicate.
    expect(events.filter((e) => /RENEW_SUCCESS$/.test(e.name)), name(i)).toHaveLength(15);
    expect(events.filter((e) => /FAILED|EXPIRED|OUT_OF_COMPLIANCE|RESTORED/.test(e.name)), name(i)).toEqual([]);
    checked++;
  });
  expect(checked).toBe(N);
  const summary = await api.op('GET', '/fleet/summary');
  expect(summary.status).toBe(200);
  expect(JSON.stringify(summary.body)).toContain(`"AUTHORIZED":${N}`);

  // Deliveries: each wake (message id owner|key|at) published once across the two replicas,
  // and each stored wake processed once by the agent.
  // (span files are written in batches: wait until the agent's last wake is there)
  const spans = await expectEventually(() => {
    const all = stack.readSpans();
    expect(all.filter((s) => s.name === 'agent-wakes process').length).toBeGreaterThanOrEqual(N * 12);
    return all;
  }, { timeoutMs: 30_000, intervalMs: 500 });
  const published = new Map<string, number>();
  const byReplica: Record<string, number> = {};
  for (const s of spans) {
    const id = s.attributes['messaging.message.id'];
    if (!s.name.endsWith(' publish') || typeof id !== 'string' || !/\.wake\.agent\./.test(String(s.attributes['messaging.destination.name']))) continue;
    published.set(id, (published.get(id) ?? 0) + 1);
    byReplica[s.service ?? '?'] = (byReplica[s.service ?? '?'] ?? 0) + 1;
  }
  const processed = new Map<number, number>();
  for (const s of spans) {
    if (s.name !== 'agent-wakes process') continue;
    const seq = Number(s.attributes['messaging.nats.stream_sequence']);
    processed.set(seq, (processed.get(seq) ?? 0) + 1);
  }
  console.log(`wakes published by replica: ${JSON.stringify(byReplica)}; processed by the agent: ${processed.size}`);
  // Each switch wakes once per renewal instant: R + 30 d × k, k = 1..12 (the certificate's at +180 d
  // and +360 d coincide with authorizations).
  expect(published.size).toBe(N * 12);
  expect([...published].filter(([, n]) => n > 1)).toEqual([]);
  expect([...processed].filter(([, n]) => n > 1)).toEqual([]);
  expect(processed.size).toBe(published.size);
}, 600_000);
