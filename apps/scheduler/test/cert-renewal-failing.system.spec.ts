import {
  DAY,
  eventsSince,
  HOUR,
  instantsOf,
  iso,
  MINUTE,
  NO_PATH_REASON,
  nxDate,
  serverView,
  LONG_SIMULATION_ENV,
  START,
  switchBody,
  unreachableNetwork,
  conformanceStack,
} from './conformance.fixture';

// Issue 6, conformance 5: ID certificate renewal failing from day 170 (SPEC §7, §4): hourly
// retries from the first attempt at +180 d, UNREGISTERED at the certificate's notAfter (+365 d)
// with the evaluation time left before registration consumed again; the server removes the
// instance at that same instant. Simulated clock, public API only.
const t0 = Date.parse(START);
const NAME = 'sw-cert';
const SERIAL = 'FDO00000605';

const ctx = conformanceStack(LONG_SIMULATION_ENV, (c) => c.server.setUp('Default', 100));

it('retries hourly from +180 d, unregisters at +365 d resuming the evaluation left, and the server removes the instance', async () => {
  expect((await ctx.api.op('POST', '/switches', { body: switchBody(NAME, SERIAL) })).status).toBe(201);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/license/usage?wait=true`, { body: { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] } })).status).toBe(200);
  // Five days of evaluation are used before the switch registers.
  await ctx.api.advanceTo(t0 + 5 * DAY);
  const T = t0 + 5 * DAY;
  const registered = await ctx.api.op('POST', `/switches/${NAME}/license/register?wait=true`, { body: { idToken: await ctx.server.token('Default') } });
  expect(registered.status).toBe(200);
  expect(registered.body.authorization.status).toBe('AUTHORIZED');
  const notAfter = T + 365 * DAY;
  expect(Date.parse(registered.body.registration.expiresAt)).toBe(notAfter);

  await ctx.api.advanceTo(T + 170 * DAY);
  expect((await ctx.api.op('PUT', `/switches/${NAME}/network`, { body: unreachableNetwork() })).status).toBe(200);

  // Retries, all whole hours after T: the certificate from R = +180 d hourly; the authorization
  // (last success at +150 d, deadline D = +240 d) from R every 23 h, then hourly from D.
  const R = T + 180 * DAY;
  const D = T + 240 * DAY;
  const certRetries = Array.from({ length: (notAfter - R) / HOUR }, (_, k) => R + k * HOUR);
  const authRetries = [...Array.from({ length: 63 }, (_, k) => R + 23 * HOUR * k).filter((t) => t < D), ...Array.from({ length: (notAfter - D) / HOUR - 1 }, (_, k) => D + (k + 1) * HOUR)];
  const started = Date.now();
  // Five days at a time (one page of events each), checking every instant of the window.
  for (let from = T + 170 * DAY; from < notAfter; from += 5 * DAY) {
    const to = Math.min(from + 5 * DAY, notAfter - MINUTE);
    await ctx.api.advanceTo(to);
    const events = await eventsSince(ctx.api, NAME, from);
    const within = (ts: number[]) => iso(ts.filter((t) => t >= from && t <= to));
    const day = (to - T) / DAY;
    expect(iso(instantsOf(events, /ID_CERT_RENEW_FAILED$/)), `day ${day}`).toEqual(within(certRetries));
    expect(iso(instantsOf(events, /AUTH_RENEW_FAILED$/)), `day ${day}`).toEqual(within(authRetries));
    expect(iso(instantsOf(events, /COMM_FAILED$/)), `day ${day}`).toEqual(within([...new Set([...certRetries, ...authRetries])].sort((a, b) => a - b)));
    expect(iso(instantsOf(events, /AUTHORIZATION_EXPIRED$/)), `day ${day}`).toEqual(within([D]));
    expect(events.filter((e) => /SUCCESS|RESTORED|CERT_EXPIRED/.test(e.name)), `day ${day}`).toEqual([]);
    if (to === R + 5 * DAY) {
      // SPEC §0: at R the certificate renewal runs before the authorization renewal.
      const atR = (await eventsSince(ctx.api, NAME, R)).filter((e) => Date.parse(e.at) === R).map((e) => e.name.replace('SMART_LIC-', ''));
      expect(atR).toEqual(['3-COMM_FAILED', '3-ID_CERT_RENEW_FAILED', '3-COMM_FAILED', '3-AUTH_RENEW_FAILED']);
      const text = await ctx.api.statusText(NAME);
      expect(text).toContain(`  Last Renewal Attempt: FAILED on ${nxDate(to)}\n    Failure reason: ${NO_PATH_REASON}\n`);
      expect(text).toContain(`  Next Renewal Attempt: ${nxDate(to + HOUR)}\n`);
      expect(text).toContain(`  Registration Expires: ${nxDate(notAfter)}\n`);
    }
    if (to === D) {
      // The server last heard of the switch at +150 d: 90 days of silence release its usage at D.
      const view = await serverView(ctx.server, 'Default', SERIAL);
      expect(view.device.usageReleased).toBe(true);
      expect(view.pool.inUse).toBe(0);
      expect(await ctx.api.statusText(NAME)).toContain(`  Status: AUTHORIZATION EXPIRED on ${nxDate(D)}\n`);
    }
    if (to === D - 5 * DAY) expect((await serverView(ctx.server, 'Default', SERIAL)).pool.inUse).toBe(1);
  }
  console.log(`+170 d to +365 d (${certRetries.length} hourly retries): ${Date.now() - started} ms`);
  let text = await ctx.api.statusText(NAME);
  expect(text).toContain('Registration:\n  Status: REGISTERED\n');
  expect(text).toContain(`  Last Renewal Attempt: FAILED on ${nxDate(notAfter - HOUR)}\n`);
  expect((await serverView(ctx.server, 'Default', SERIAL)).device).toBeDefined();

  // At notAfter: UNREGISTERED, evaluation resumes with the 85 days left; the server removes the instance.
  await ctx.api.advanceTo(notAfter);
  const atEnd = (await eventsSince(ctx.api, NAME, notAfter)).map((e) => [e.name.replace('SMART_LIC-', ''), Date.parse(e.at), (e as any).data?.remainingSeconds]);
  expect(atEnd).toEqual([
    ['3-ID_CERT_EXPIRED', notAfter, undefined],
    ['5-EVAL_START', notAfter, 85 * 86_400],
  ]);
  text = await ctx.api.statusText(NAME);
  expect(text).toContain('Registration:\n  Status: UNREGISTERED\n');
  expect(text).toContain('License Authorization:\n  Status: EVAL MODE\n  Evaluation Period Remaining: 85 days, 0 hr, 0 min\n');
  const view = await serverView(ctx.server, 'Default', SERIAL);
  expect(view.device).toBeUndefined();
  expect(view.pool.inUse).toBe(0);

  // The remaining time is consumed again: the 60-day warning 25 days later, on its instant.
  await ctx.api.advanceTo(notAfter + 25 * DAY);
  const warnings = (await eventsSince(ctx.api, NAME, notAfter)).filter((e) => /EVAL_EXPIRY_WARNING$/.test(e.name));
  expect(warnings.map((e) => [Date.parse(e.at), (e as any).data.remainingSeconds])).toEqual([[notAfter + 25 * DAY, 60 * 86_400]]);
  expect(await ctx.api.statusText(NAME)).toContain('  Evaluation Period Remaining: 60 days, 0 hr, 0 min\n');
}, 900_000);
