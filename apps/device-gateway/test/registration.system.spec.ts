import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expectEventually, repoRoot, startStack, type Stack } from '@fleetlic/testing';
import { ancestors, httpServerSpan } from './support/spans';
import { CLIENT, gateway, licenseServer, SIMULATED_ENV, switchBody } from './support/system-fixture';

// Issue 5, system tests 1, 2, 4, 5, 7 and 8: registration and entitlement through the real path
// (gateway → JetStream → agent → adapter → HTTPS → cssm-server), on the simulated clock.
let stack: Stack;
let cssm: ReturnType<typeof licenseServer>;
const run = promisify(execFile);
const ADV = 'NXOS_ADVANTAGE_XF';

beforeAll(async () => {
  stack = await startStack({ env: SIMULATED_ENV });
  cssm = licenseServer(stack);
  await cssm.setUp('Default', 100);
  await cssm.setUp('Short', 0, { [ADV]: 2 });
});
afterAll(async () => {
  await stack?.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

const op = () => gateway(stack, 'operator');
const statusText = async (name: string) => (await op()('GET', `/switches/${name}/license/status`, { accept: 'text/plain' })).text;

async function addSwitch(name: string, serial: string, adv = 1) {
  expect((await op()('POST', '/switches', { body: switchBody(name, serial) })).status).toBe(201);
  expect((await op()('PUT', `/switches/${name}/license/usage?wait=true`, { body: { entitlements: [{ tag: ADV, count: adv }] } })).status).toBe(200);
}

async function register(name: string, idToken: string) {
  const res = await op()('POST', `/switches/${name}/license/register?wait=true`, { body: { idToken } });
  expect(res.status).toBe(200);
  return res.body;
}

it('1. registers a healthy switch: REGISTERED and AUTHORIZED with the dates of SPEC §12', async () => {
  await addSwitch('sw-healthy', 'FDO12345678');
  const token = await cssm.token('Default');
  const status = await register('sw-healthy', token);
  expect(status.registration.status).toBe('REGISTERED');
  const text = await expectEventually(async () => {
    const t = await statusText('sw-healthy');
    expect(t).toContain('  Status: AUTHORIZED on Jun 22 16:15:41 2022 UTC\n');
    return t;
  }, { timeoutMs: 20_000, intervalMs: 200 });
  expect(text).toContain('Registration:\n  Status: REGISTERED\n  Smart Account: Demo Customer\n  Virtual Account: Default\n');
  expect(text).toContain('  Initial Registration: SUCCEEDED on Jun 22 16:15:41 2022 UTC\n');
  expect(text).toContain('  Next Renewal Attempt: Dec 19 16:15:41 2022 UTC\n'); // +180 d
  expect(text).toContain('  Registration Expires: Jun 22 16:15:41 2023 UTC\n'); // +365 d
  expect(text).toContain('  Next Communication Attempt: Jul 22 16:15:41 2022 UTC\n'); // +30 d
  expect(text).toContain('  Communication Deadline: Sep 20 16:15:41 2022 UTC\n'); // +90 d
});

it('7. one registration is one trace across gateway, agent, adapter and license server, without the token', async () => {
  await addSwitch('sw-traced', 'FDO00000007');
  const token = await cssm.token('Default');
  await register('sw-traced', token);
  await expectEventually(() => {
    const spans = stack.readSpans();
    const http = httpServerSpan(spans, 'POST', '/sw-traced/license/register');
    expect(http).toBeDefined();
    const trace = spans.filter((s) => s.traceId === http!.traceId);
    const services = new Set(trace.map((s) => s.service));
    for (const svc of ['device-gateway', 'licensing-agent', 'cssm-adapter', 'cssm-server']) expect(services).toContain(svc);
    // Every span of the other services descends from the gateway's HTTP span.
    for (const s of trace.filter((x) => x.service !== 'device-gateway')) expect(ancestors(spans, s).map((a) => a.spanId)).toContain(http!.spanId);
    expect(trace.some((s) => s.attributes['switch.id'])).toBe(true);
    expect(JSON.stringify(trace)).not.toContain(token);
  }, { timeoutMs: 20_000, intervalMs: 250 });
});

it('8. refuses bad input without changing anything', async () => {
  await addSwitch('sw-bad', 'FDO00000008');
  const before = await statusText('sw-bad');
  expect((await op()('GET', '/switches/no-such-switch/license/status')).status).toBe(404);
  const malformed = await op()('POST', '/switches/sw-bad/license/register', { body: { idToken: 'not a token' } });
  expect(malformed.status).toBe(422);
  const tag = await op()('PUT', '/switches/sw-bad/license/usage', { body: { entitlements: [{ tag: 'NXOS_PLATINUM', count: 1 }] } });
  expect(tag.status).toBe(422);
  expect(tag.body.error.message).toContain('NXOS_ESSENTIALS_XF');
  const viewer = await gateway(stack, 'viewer')('POST', '/switches/sw-bad/license/register', { body: { idToken: 'abc' } });
  expect(viewer.status).toBe(403);
  expect((await gateway(stack, null)('GET', '/switches')).status).toBe(401);
  const big = await op()('PUT', '/switches/sw-bad/callhome', { raw: `callhome\n${'  ! padding\n'.repeat(100_000)}`, type: 'text/plain' });
  expect(big.status).toBe(413);
  expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  expect(await statusText('sw-bad')).toBe(before);
});

it('2. a pool one license short leaves the last switch OUT OF COMPLIANCE until a license is added and auth renewed', async () => {
  for (const [i, name] of ['short-1', 'short-2', 'short-3'].entries()) {
    await addSwitch(name, `FDO0000020${i}`);
    await register(name, await cssm.token('Short'));
  }
  await expectEventually(async () => expect(await statusText('short-3')).toContain('  Status: OUT OF COMPLIANCE'), { timeoutMs: 20_000, intervalMs: 200 });
  expect(await statusText('short-1')).toContain('  Status: AUTHORIZED');

  const cli = await run(process.execPath, [join(repoRoot(), 'bin/fleetlic.js'), 'cssm', 'license', 'add', '--va', 'Short', ADV, '1'], {
    env: { ...stack.env, FLEETLIC_CSSM_CLIENT_ID: CLIENT.id, FLEETLIC_CSSM_CLIENT_SECRET: CLIENT.secret },
  });
  expect(cli.stdout).toContain(ADV);
  const renewed = await op()('POST', '/switches/short-3/license/renew?wait=true', { body: { what: 'auth' } });
  expect(renewed.status).toBe(200);
  await expectEventually(async () => expect(await statusText('short-3')).toContain('  Status: AUTHORIZED'), { timeoutMs: 20_000, intervalMs: 200 });
});

it('5. deregistration releases the licenses and returns the switch to EVAL MODE', async () => {
  await addSwitch('sw-dereg', 'FDO00000005', 3);
  await register('sw-dereg', await cssm.token('Default'));
  const inUse = async () => (await cssm.pools('Default')).find((p) => p.license.includes('Advantage XF') || p.license === ADV)?.inUse ?? 0;
  const held = await expectEventually(async () => {
    const n = await inUse();
    expect(n).toBeGreaterThanOrEqual(3);
    return n;
  }, { timeoutMs: 20_000, intervalMs: 200 });
  const res = await op()('POST', '/switches/sw-dereg/license/deregister?wait=true');
  expect(res.status).toBe(200);
  const text = await statusText('sw-dereg');
  expect(text).toContain('Registration:\n  Status: UNREGISTERED\n');
  expect(text).toContain('License Authorization:\n  Status: EVAL MODE\n');
  await expectEventually(async () => expect(await inUse()).toBe(held - 3), { timeoutMs: 20_000, intervalMs: 200 });
});

it('4. an expired, a revoked and an exhausted token are refused with their reasons and not retried', async () => {
  const revoked = await cssm.token('Default');
  await cssm.revoke('Default', revoked);
  const once = await cssm.token('Default', { uses: 1 });
  const expiring = await cssm.token('Default', { days: 1 });
  await addSwitch('tok-used', 'FDO00000040');
  await register('tok-used', once);

  const cases: [string, string, string][] = [
    ['tok-revoked', revoked, 'The ID token has been revoked'],
    ['tok-exhausted', once, 'The ID token has been used the maximum number of times'],
  ];
  const advanced = await gateway(stack, 'admin')('POST', '/clock/advance', { body: { by: 'P2D' } });
  expect(advanced.status).toBe(200);
  cases.push(['tok-expired', expiring, 'The ID token has expired']);
  for (const [i, [name, token, reason]] of cases.entries()) {
    await addSwitch(name, `FDO0000004${i + 1}`);
    const status = await register(name, token);
    expect(status.registration.status).toBe('UNREGISTERED - REGISTRATION FAILED');
    const text = await statusText(name);
    expect(text).toContain(`    Failure reason: ${reason}\n`);
    expect(text).not.toContain('Next Registration Attempt');
  }
  // A day later nothing was retried: still one failed registration event per switch.
  expect((await gateway(stack, 'admin')('POST', '/clock/advance', { body: { by: 'P1D' } })).status).toBe(200);
  for (const [name] of cases) {
    const events = await op()('GET', `/switches/${name}/events`);
    expect(events.body.items.filter((e: { name: string }) => e.name === 'SMART_LIC-3-AGENT_REG_FAILED')).toHaveLength(1);
  }
});
