import { subjects } from '@fleetlic/contracts';
import { Messaging } from '@fleetlic/messaging';
import { startStack, type Stack } from '@fleetlic/testing';
import { gateway } from '../../device-gateway/test/support/system-fixture';
import { licenseServer, SIMULATED_ENV, switchBody } from './conformance.fixture';

// Issue 11: the license server stopped (SIGSTOP: connections hang, as behind a dead link) for
// longer than the agent's JetStream ack wait (30 s) while register commands are in flight. The
// Call Home timeout is longer than the outage, so the exchanges complete once it resumes; in
// between JetStream redelivers the commands. Each must be applied exactly once.
const N = Number(process.env.OUTAGE_SWITCHES ?? 10);
const OUTAGE_MS = Number(process.env.OUTAGE_MS ?? 40_000);

let stack: Stack;
let harness: Messaging;
beforeAll(async () => {
  stack = await startStack({ env: { ...SIMULATED_ENV, FLEETLIC_CALLHOME_TIMEOUT_MS: String(OUTAGE_MS + 30_000) } });
  harness = await Messaging.connect({ url: stack.env.NATS_URL, namespace: stack.namespace, name: 'outage-test' });
});
afterAll(async () => {
  const pid = stack?.pids()['cssm-server'];
  if (pid) process.kill(pid, 'SIGCONT');
  await harness?.close();
  await stack?.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

it(`redelivers ${N} register commands across a ${OUTAGE_MS / 1000} s license server outage and applies each once`, async () => {
  const op = gateway(stack, 'operator');
  const server = licenseServer(stack);
  await server.setUp('Default', N);
  const token = await server.token('Default', { uses: N * 2 });
  const names = Array.from({ length: N }, (_, i) => `outage-${i}`);
  for (const [i, name] of names.entries()) {
    expect((await op('POST', '/switches', { body: switchBody(name, `OUT0000${i}`) })).status).toBe(201);
    expect((await op('PUT', `/switches/${name}/license/usage?wait=true`, { body: { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] } })).status).toBe(200);
  }
  const s = subjects(stack.namespace);
  const pid = stack.pids()['cssm-server'];
  process.kill(pid, 'SIGSTOP');
  const stoppedAt = Date.now();
  for (const name of names) expect((await op('POST', `/switches/${name}/license/register`, { body: { idToken: token } })).status).toBe(202);
  // Poll (no sleep) until the outage has lasted its time; count redeliveries meanwhile.
  let redelivered = 0;
  while (Date.now() - stoppedAt < OUTAGE_MS) {
    const info = await harness.jsm.consumers.info(s.streams.agentCommands, s.consumers.agentCommands);
    redelivered = Math.max(redelivered, info.num_redelivered);
    await new Promise((r) => setTimeout(r, 1_000));
  }
  process.kill(pid, 'SIGCONT');
  const deadline = Date.now() + 120_000;
  let registered = 0;
  while (registered < N) {
    if (Date.now() > deadline) throw new Error(`only ${registered}/${N} registered`);
    const statuses = await Promise.all(names.map(async (n) => (await op('GET', `/switches/${n}/license/status`)).body.registration.status as string));
    registered = statuses.filter((x) => x === 'REGISTERED').length;
    if (statuses.some((x) => /FAILED/.test(x))) throw new Error(`a registration failed: ${statuses}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  let registrations = 0;
  for (const n of names) {
    const ev = await op('GET', `/switches/${n}/events?limit=1000`);
    const regs = (ev.body.items as { name: string }[]).filter((e) => /AGENT_REG_SUCCESS$/.test(e.name)).length;
    expect(regs, n).toBe(1);
    registrations += regs;
  }
  const pool = (await server.pools('Default')).find((p: any) => (p.license ?? p.licenseTag) === 'NXOS_ADVANTAGE_XF' || p.licenseTag === 'NXOS_ADVANTAGE_XF');
  console.log(`[outage] ${N} commands, license server stopped ${Math.round((Date.now() - stoppedAt) / 1000)} s, ${redelivered} redeliveries seen, ${registrations} registrations applied, in use ${pool?.inUse}`);
  expect(redelivered).toBeGreaterThan(0);
  expect(pool?.inUse).toBe(N);
});
