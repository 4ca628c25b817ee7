import { HOUR, instantsOf, MINUTE, nxDate, SIMULATED_ENV, START, switchBody, conformanceStack } from './conformance.fixture';

// Issue 6, conformance 1: registration under a DNS failure (SPEC §5, §11 problem 4), on the
// simulated clock, through the gateway's public API only.
const t0 = Date.parse(START);
const NAME = 'sw-dns';

const ctx = conformanceStack(SIMULATED_ENV, (c) => c.server.setUp('Default', 100));

it('retries at +15 min × 16, then hourly; after the fault is fixed the next retry succeeds', async () => {
  // The destination is a host name no name server of the switch's VRF answers for.
  const port = new URL(ctx.stack.cssmUrl).port;
  const callhome = { enabled: true, emailContact: 'noc@example.com', destinationUrl: `https://cssm.fleetlic.test:${port}/its/service/oddce/services/DDCEService`, transportMethod: 'http', vrf: 'management' };
  expect((await ctx.api.op('POST', '/switches', { body: switchBody(NAME, 'FDO00000601', { callhome }) })).status).toBe(201);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/license/usage?wait=true`, { body: { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] } })).status).toBe(200);
  const token = await ctx.server.token('Default');
  expect(await ctx.api.now()).toBe(t0);

  const first = await ctx.api.op('POST', `/switches/${NAME}/license/register?wait=true`, { body: { idToken: token } });
  expect(first.status).toBe(200);
  expect(first.body.registration.status).toBe('REGISTERING');
  let text = await ctx.api.statusText(NAME);
  expect(text).toContain('  Status: REGISTERING\n');
  expect(text).toContain('no DNS response for cssm.fleetlic.test');
  expect(text).toContain(`  Next Registration Attempt: ${nxDate(t0 + 15 * MINUTE)}\n`);

  // Retry k at t0 + 15 min × k for k = 1..16, then t0 + 4 h + 1 h × (k − 16).
  await ctx.api.advanceTo(t0 + 6 * HOUR);
  const failures = instantsOf(await ctx.api.events(NAME), /FAILED$/);
  const expected = [t0, ...Array.from({ length: 16 }, (_, i) => t0 + (i + 1) * 15 * MINUTE), t0 + 5 * HOUR, t0 + 6 * HOUR];
  expect(failures.map((t) => new Date(t).toISOString())).toEqual(expected.map((t) => new Date(t).toISOString()));
  text = await ctx.api.statusText(NAME);
  expect(text).toContain('  Status: REGISTERING\n');
  expect(text).toContain(`  Next Registration Attempt: ${nxDate(t0 + 7 * HOUR)}\n`);

  // The fix (a static host entry, `ip host`) takes effect at the next scheduled retry, not before.
  const fixed = await ctx.api.op('PUT', `/switches/${NAME}/network`, {
    body: { interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }], nameServers: {}, hosts: { 'cssm.fleetlic.test': '127.0.0.1' }, trustAnchors: ['current'] },
  });
  expect(fixed.status).toBe(200);
  await ctx.api.advanceTo(t0 + 6 * HOUR + 59 * MINUTE);
  expect(await ctx.api.statusText(NAME)).toContain('  Status: REGISTERING\n');

  await ctx.api.advanceTo(t0 + 7 * HOUR);
  const events = await ctx.api.events(NAME);
  expect(instantsOf(events, /AGENT_REG_SUCCESS$/)).toEqual([t0 + 7 * HOUR]);
  expect(instantsOf(events, /FAILED$/)).toHaveLength(expected.length);
  text = await ctx.api.statusText(NAME);
  expect(text).toContain('Registration:\n  Status: REGISTERED\n');
  expect(text).toContain(`  Initial Registration: SUCCEEDED on ${nxDate(t0 + 7 * HOUR)}\n`);
  expect(text).toContain(`  Status: AUTHORIZED on ${nxDate(t0 + 7 * HOUR)}\n`);
  expect(text).not.toContain('Next Registration Attempt');
});
