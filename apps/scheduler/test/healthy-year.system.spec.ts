import { DAY, instantsOf, nxDate, SIMULATED_ENV, START, switchBody, conformanceStack } from './conformance.fixture';

// Issue 6, conformance 2: a healthy switch over 400 days (SPEC §6, §7) on the simulated clock,
// through the gateway's public API only.
const t0 = Date.parse(START);
const NAME = 'sw-healthy';

const ctx = conformanceStack(SIMULATED_ENV, (c) => c.server.setUp('Default', 100));

it('renews authorization every 30 days and the ID certificate at +180 and +360 days, AUTHORIZED throughout', async () => {
  expect((await ctx.api.op('POST', '/switches', { body: switchBody(NAME, 'FDO00000602') })).status).toBe(201);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/license/usage?wait=true`, { body: { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] } })).status).toBe(200);
  const token = await ctx.server.token('Default');
  const registered = await ctx.api.op('POST', `/switches/${NAME}/license/register?wait=true`, { body: { idToken: token } });
  expect(registered.status).toBe(200);
  expect(registered.body.registration.status).toBe('REGISTERED');

  // Ten days at a time, looking at the status after each step: never anything but AUTHORIZED.
  for (let day = 10; day <= 400; day += 10) {
    await ctx.api.advanceTo(t0 + day * DAY);
    const text = await ctx.api.statusText(NAME);
    expect(text, `day ${day}`).toMatch(/License Authorization:\n {2}Status: AUTHORIZED on /);
    expect(text, `day ${day}`).toContain('Registration:\n  Status: REGISTERED\n');
  }

  const events = await ctx.api.events(NAME);
  const iso = (ts: number[]) => ts.map((t) => new Date(t).toISOString());
  // The registration's own authorization, then every 30 days: day 30, 60, …, 390.
  const auth = [t0, ...Array.from({ length: 13 }, (_, i) => t0 + (i + 1) * 30 * DAY)];
  expect(iso(instantsOf(events, /AUTH_RENEW_SUCCESS$/).filter((t) => t > t0))).toEqual(iso(auth.slice(1)));
  expect(iso(instantsOf(events, /ID_CERT_RENEW_SUCCESS$/))).toEqual(iso([t0 + 180 * DAY, t0 + 360 * DAY]));
  expect(events.filter((e) => /FAILED|EXPIRED|OUT_OF_COMPLIANCE/.test(e.name))).toEqual([]);

  const text = await ctx.api.statusText(NAME);
  expect(text).toContain(`  Status: AUTHORIZED on ${nxDate(t0 + 390 * DAY)}\n`);
  expect(text).toContain(`  Last Communication Attempt: SUCCEEDED on ${nxDate(t0 + 390 * DAY)}\n`);
  expect(text).toContain(`  Next Communication Attempt: ${nxDate(t0 + 420 * DAY)}\n`);
  expect(text).toContain(`  Communication Deadline: ${nxDate(t0 + 480 * DAY)}\n`);
  expect(text).toContain(`  Last Renewal Attempt: SUCCEEDED on ${nxDate(t0 + 360 * DAY)}\n`);
  expect(text).toContain(`  Next Renewal Attempt: ${nxDate(t0 + 540 * DAY)}\n`);
  expect(text).toContain(`  Registration Expires: ${nxDate(t0 + 725 * DAY)}\n`);
});
