import {
  DAY,
  HOUR,
  MINUTE,
  healthyNetwork,
  instantsOf,
  iso,
  NO_PATH_REASON,
  nxDate,
  serverView,
  SIMULATED_ENV,
  START,
  switchBody,
  unreachableNetwork,
  conformanceStack,
} from './conformance.fixture';

// Issue 6, conformance 3: the license server unreachable from day 10 (SPEC §6): retries every
// 23 h, AUTHORIZATION EXPIRED at the deadline, then hourly; the server releases the usage after
// 90 days of silence; once reachable again, AUTHORIZED at the next retry. Simulated clock,
// public API only.
const t0 = Date.parse(START);
const NAME = 'sw-silent';
const SERIAL = 'FDO00000603';

const ctx = conformanceStack(SIMULATED_ENV, (c) => c.server.setUp('Default', 100));

it('retries every 23 h, expires at the deadline, then hourly; usage released after 90 days of silence; AUTHORIZED at the next retry once reachable', async () => {
  expect((await ctx.api.op('POST', '/switches', { body: switchBody(NAME, SERIAL) })).status).toBe(201);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/license/usage?wait=true`, { body: { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] } })).status).toBe(200);
  const registered = await ctx.api.op('POST', `/switches/${NAME}/license/register?wait=true`, { body: { idToken: await ctx.server.token('Default') } });
  expect(registered.status).toBe(200);
  expect(registered.body.authorization.status).toBe('AUTHORIZED');
  const D = t0 + 90 * DAY; // the Communication Deadline of the authorization at t0

  // Day 10: the only interface of the Call Home VRF loses its path to the ctx.server.
  await ctx.api.advanceTo(t0 + 10 * DAY);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/network`, { body: unreachableNetwork() })).status).toBe(200);

  // The renewal due at day 30 fails; retry k at day 30 + 23 h × k, for as long as it is before D.
  await ctx.api.advanceTo(D - MINUTE);
  const t1 = t0 + 30 * DAY;
  const every23h = Array.from({ length: 63 }, (_, k) => t1 + 23 * HOUR * k).filter((t) => t < D);
  expect(every23h).toHaveLength(63); // the last one at day 89 + 10 h
  let events = await ctx.api.events(NAME);
  expect(iso(instantsOf(events, /AUTH_RENEW_FAILED$/))).toEqual(iso(every23h));
  expect(iso(instantsOf(events, /COMM_FAILED$/))).toEqual(iso(every23h));
  expect(events.find((e) => /AUTH_RENEW_FAILED$/.test(e.name)) as any).toMatchObject({ data: { reason: NO_PATH_REASON } });
  let text = await ctx.api.statusText(NAME);
  expect(text).toContain(`  Status: AUTHORIZED on ${nxDate(t0)}\n`);
  expect(text).toContain(`  Last Communication Attempt: FAILED on ${nxDate(every23h[62])}\n    Failure reason: ${NO_PATH_REASON}\n`);
  expect(text).toContain(`  Next Communication Attempt: ${nxDate(every23h[62] + 23 * HOUR)}\n`);
  expect(text).toContain(`  Communication Deadline: ${nxDate(D)}\n`);
  // The server last heard of the switch at t0: its usage still counts one minute before day 90.
  let view = await serverView(ctx.server, 'Default', SERIAL);
  expect(view.device.lastContactDate).toBe(new Date(t0).toISOString());
  expect(view.device.usageReleased).toBe(false);
  expect(view.pool.inUse).toBe(1);

  // At D: AUTHORIZATION EXPIRED, the 23-hour retry (day 90 + 9 h) replaced by D + 1 h; and the
  // ctx.server, silent for 90 days, releases the usage at the same instant.
  await ctx.api.advanceTo(D);
  events = await ctx.api.events(NAME);
  expect(iso(instantsOf(events, /AUTHORIZATION_EXPIRED$/))).toEqual(iso([D]));
  text = await ctx.api.statusText(NAME);
  expect(text).toContain(`  Status: AUTHORIZATION EXPIRED on ${nxDate(D)}\n`);
  expect(text).toContain(`  Next Communication Attempt: ${nxDate(D + HOUR)}\n`);
  view = await serverView(ctx.server, 'Default', SERIAL);
  expect(view.device.usageReleased).toBe(true);
  expect(view.pool.inUse).toBe(0);

  // Hourly from D.
  await ctx.api.advanceTo(D + 5 * HOUR);
  events = await ctx.api.events(NAME);
  const hourly = [1, 2, 3, 4, 5].map((k) => D + k * HOUR);
  expect(iso(instantsOf(events, /AUTH_RENEW_FAILED$/).filter((t) => t >= D))).toEqual(iso(hourly));
  text = await ctx.api.statusText(NAME);
  expect(text).toContain(`  Status: AUTHORIZATION EXPIRED on ${nxDate(D)}\n`);
  expect(text).toContain(`  Last Communication Attempt: FAILED on ${nxDate(D + 5 * HOUR)}\n`);
  expect(text).toContain(`  Next Communication Attempt: ${nxDate(D + 6 * HOUR)}\n`);

  // The path is repaired half-way to the next retry: nothing happens before it, AUTHORIZED at it.
  await ctx.api.advanceTo(D + 5 * HOUR + 30 * MINUTE);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/network`, { body: healthyNetwork() })).status).toBe(200);
  await ctx.api.advanceTo(D + 6 * HOUR - MINUTE);
  expect(await ctx.api.statusText(NAME)).toContain(`  Status: AUTHORIZATION EXPIRED on ${nxDate(D)}\n`);
  await ctx.api.advanceTo(D + 6 * HOUR);
  const back = D + 6 * HOUR;
  events = await ctx.api.events(NAME);
  expect(iso(instantsOf(events, /COMM_RESTORED$/))).toEqual(iso([back]));
  expect(iso(instantsOf(events, /AUTH_RENEW_SUCCESS$/))).toEqual(iso([t0, back]));
  expect(instantsOf(events, /FAILED$/).filter((t) => t > D + 5 * HOUR)).toEqual([]);
  text = await ctx.api.statusText(NAME);
  expect(text).toContain(`  Status: AUTHORIZED on ${nxDate(back)}\n`);
  expect(text).toContain(`  Last Communication Attempt: SUCCEEDED on ${nxDate(back)}\n`);
  expect(text).toContain(`  Next Communication Attempt: ${nxDate(back + 30 * DAY)}\n`);
  expect(text).toContain(`  Communication Deadline: ${nxDate(back + 90 * DAY)}\n`);
  // The server processes it normally again: the usage counts once more.
  view = await serverView(ctx.server, 'Default', SERIAL);
  expect(view.device.lastContactDate).toBe(new Date(back).toISOString());
  expect(view.device.usageReleased).toBe(false);
  expect(view.pool.inUse).toBe(1);
});
