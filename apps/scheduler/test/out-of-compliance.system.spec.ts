import {
  DAY,
  eventsSince,
  healthyNetwork,
  HOUR,
  instantsOf,
  iso,
  MINUTE,
  NO_PATH_REASON,
  nxDate,
  serverView,
  SIMULATED_ENV,
  START,
  switchBody,
  unreachableNetwork,
  conformanceStack,
} from './conformance.fixture';

// Issue 6, conformance 4: out of compliance (SPEC §6, §9): renewals every 24 hours; under a
// communication failure, retries at +15 min × 8, then every 4 h; the next success gets whatever
// the pool then gives. Simulated clock, public API only; the switch's own VA is one license short.
const t0 = Date.parse(START);
const NAME = 'sw-short';
const SERIAL = 'FDO00000604';
const VA = 'Short';
const TAG = 'NXOS_ADVANTAGE_XF';

const ctx = conformanceStack(SIMULATED_ENV, (c) => c.server.setUp(VA, 0, { [TAG]: 1 }));

it('renews daily; under a failure retries at +15 min × 8 then every 4 h; in compliance again at the next success', async () => {
  expect((await ctx.api.op('POST', '/switches', { body: switchBody(NAME, SERIAL) })).status).toBe(201);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/license/usage?wait=true`, { body: { entitlements: [{ tag: TAG, count: 2 }] } })).status).toBe(200);
  const registered = await ctx.api.op('POST', `/switches/${NAME}/license/register?wait=true`, { body: { idToken: await ctx.server.token(VA) } });
  expect(registered.status).toBe(200);
  expect(registered.body.authorization.status).toBe('OUT OF COMPLIANCE');
  let view = await serverView(ctx.server, VA, SERIAL, TAG);
  expect(view.pool).toMatchObject({ quantity: 1, inUse: 2, available: -1, status: 'Out Of Compliance' });

  // Every 24 hours, each answer out of compliance again.
  await ctx.api.advanceTo(t0 + 3 * DAY);
  let events = await ctx.api.events(NAME);
  const daily = [0, 1, 2, 3].map((d) => t0 + d * DAY);
  expect(iso(instantsOf(events, /AUTH_RENEW_SUCCESS$/))).toEqual(iso(daily));
  expect(iso(instantsOf(events, /OUT_OF_COMPLIANCE$/))).toEqual(iso(daily));
  expect(events.filter((e) => Date.parse(e.at) === t0 + 2 * DAY).map((e) => e.name)).toEqual(['SMART_LIC-6-AUTH_RENEW_SUCCESS', 'SMART_LIC-3-OUT_OF_COMPLIANCE']);
  let text = await ctx.api.statusText(NAME);
  expect(text).toContain(`  Status: OUT OF COMPLIANCE on ${nxDate(t0 + 3 * DAY)}\n`);
  expect(text).toContain(`  Last Communication Attempt: SUCCEEDED on ${nxDate(t0 + 3 * DAY)}\n`);
  expect(text).toContain(`  Next Communication Attempt: ${nxDate(t0 + 4 * DAY)}\n`);
  expect(text).toContain(`  Communication Deadline: ${nxDate(t0 + 93 * DAY)}\n`);

  // The path fails; the renewal at F = day 4 fails: retry k at F + 15 min × k (k ≤ 8), then F + 2 h + 4 h × (k − 8).
  await ctx.api.advanceTo(t0 + 3 * DAY + HOUR);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/network`, { body: unreachableNetwork() })).status).toBe(200);
  const F = t0 + 4 * DAY;
  await ctx.api.advanceTo(F + 24 * HOUR);
  const retries = [F, ...[1, 2, 3, 4, 5, 6, 7, 8].map((k) => F + 15 * MINUTE * k), ...[9, 10, 11, 12, 13].map((k) => F + 2 * HOUR + 4 * HOUR * (k - 8))];
  expect(iso(retries.slice(-5))).toEqual(iso([6, 10, 14, 18, 22].map((h) => F + h * HOUR)));
  events = await eventsSince(ctx.api, NAME, F);
  expect(iso(instantsOf(events, /AUTH_RENEW_FAILED$/))).toEqual(iso(retries));
  expect(iso(instantsOf(events, /COMM_FAILED$/))).toEqual(iso(retries));
  expect(events.filter((e) => /SUCCESS|EXPIRED/.test(e.name))).toEqual([]);
  text = await ctx.api.statusText(NAME);
  expect(text).toContain(`  Status: OUT OF COMPLIANCE on ${nxDate(t0 + 3 * DAY)}\n`);
  expect(text).toContain(`  Last Communication Attempt: FAILED on ${nxDate(F + 22 * HOUR)}\n    Failure reason: ${NO_PATH_REASON}\n`);
  expect(text).toContain(`  Next Communication Attempt: ${nxDate(F + 26 * HOUR)}\n`);
  expect(text).toContain(`  Communication Deadline: ${nxDate(t0 + 93 * DAY)}\n`);

  // The path is repaired and a license bought: the next retry (F + 26 h) is answered in compliance.
  expect((await ctx.api.op('PUT', `/switches/${NAME}/network`, { body: healthyNetwork() })).status).toBe(200);
  await ctx.server.addLicenses(VA, TAG, 1);
  await ctx.api.advanceTo(F + 26 * HOUR - MINUTE);
  expect(instantsOf(await eventsSince(ctx.api, NAME, F + 24 * HOUR), /./)).toEqual([]);
  await ctx.api.advanceTo(F + 26 * HOUR);
  const back = F + 26 * HOUR;
  events = await eventsSince(ctx.api, NAME, back);
  expect(events.map((e) => [e.name, Date.parse(e.at)])).toEqual([
    ['SMART_LIC-5-COMM_RESTORED', back],
    ['SMART_LIC-6-AUTH_RENEW_SUCCESS', back],
  ]);
  text = await ctx.api.statusText(NAME);
  expect(text).toContain(`  Status: AUTHORIZED on ${nxDate(back)}\n`);
  expect(text).toContain(`  Next Communication Attempt: ${nxDate(back + 30 * DAY)}\n`);
  expect(text).toContain(`  Communication Deadline: ${nxDate(back + 90 * DAY)}\n`);
  view = await serverView(ctx.server, VA, SERIAL, TAG);
  expect(view.pool).toMatchObject({ quantity: 2, inUse: 2, available: 0, status: 'In Compliance' });
});
