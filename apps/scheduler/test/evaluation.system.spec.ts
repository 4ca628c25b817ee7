import { STACK_SERVICES } from '@fleetlic/testing';
import { DAY, HOUR, instantsOf, iso, MINUTE, nxDate, SIMULATED_ENV, START, switchBody, conformanceStack } from './conformance.fixture';

// Issue 6, conformance 6: evaluation (SPEC §4): 90 days of use (not of calendar) with licenses in
// use, counted across a restart of every service; every warning and EVAL EXPIRED on its instant.
// Simulated clock, public API only.
const t0 = Date.parse(START);
const NAME = 'sw-eval';

const remainingLine = (text: string) => /Evaluation Period Remaining: (.*)\n/.exec(text)?.[1];

const ctx = conformanceStack(SIMULATED_ENV);

it('consumes 90 days of use across a restart of every service; warnings and EVAL EXPIRED on their instants', async () => {
  const usage = (count: number) => ctx.api.op('PUT', `/switches/${NAME}/license/usage?wait=true`, { body: { entitlements: count ? [{ tag: 'NXOS_ESSENTIALS_XF', count }] : [] } });
  expect((await ctx.api.op('POST', '/switches', { body: switchBody(NAME, 'FDO00000606') })).status).toBe(201);
  // Nothing in use: nothing consumed.
  await ctx.api.advanceTo(t0 + DAY);
  expect(remainingLine(await ctx.api.statusText(NAME))).toBe('90 days, 0 hr, 0 min');

  // In use from S; not in use for 10 days from S + 40 d: the 90 days end at S + 100 d.
  const S = t0 + DAY;
  expect((await usage(1)).status).toBe(200);
  await ctx.api.advanceTo(S + 40 * DAY);
  expect((await usage(0)).status).toBe(200);
  await ctx.api.advanceTo(S + 50 * DAY);
  expect(remainingLine(await ctx.api.statusText(NAME))).toBe('50 days, 0 hr, 0 min');
  expect((await usage(2)).status).toBe(200);
  const end = S + 100 * DAY;

  // Every service restarts, one after the other, half-way through what is left.
  await ctx.api.advanceTo(S + 75 * DAY + 3 * HOUR + 17 * MINUTE);
  expect(remainingLine(await ctx.api.statusText(NAME))).toBe('24 days, 20 hr, 43 min');
  for (const svc of STACK_SERVICES) await ctx.stack.restart(svc);
  expect(await ctx.api.now()).toBe(S + 75 * DAY + 3 * HOUR + 17 * MINUTE);
  expect(remainingLine(await ctx.api.statusText(NAME))).toBe('24 days, 20 hr, 43 min');

  await ctx.api.advanceTo(end - 12 * HOUR - 30 * MINUTE);
  let text = await ctx.api.statusText(NAME);
  expect(text).toContain('License Authorization:\n  Status: EVAL MODE\n  Evaluation Period Remaining: 0 days, 12 hr, 30 min\n');

  await ctx.api.advanceTo(end + DAY);
  const events = await ctx.api.events(NAME);
  expect(events.filter((e) => /EVAL_START$/.test(e.name)).map((e) => [Date.parse(e.at), (e as any).data.remainingSeconds])).toEqual([
    [S, 90 * 86_400],
    [S + 50 * DAY, 50 * 86_400],
  ]);
  // Remaining 60, 30, 21, 14, 7, 6…1 days, then 23…1 hours.
  const thresholds = [...[60, 30, 21, 14, 7, 6, 5, 4, 3, 2, 1].map((d) => d * DAY), ...Array.from({ length: 23 }, (_, i) => (23 - i) * HOUR)];
  const warnings = events.filter((e) => /EVAL_EXPIRY_WARNING$/.test(e.name));
  // The 60-day warning fell before the pause (used 30 d at S + 30 d); the others count the pause.
  const expectedAt = thresholds.map((r) => (r === 60 * DAY ? S + 30 * DAY : end - r));
  expect(iso(warnings.map((e) => Date.parse(e.at)))).toEqual(iso(expectedAt));
  expect(warnings.map((e) => (e as any).data.remainingSeconds)).toEqual(thresholds.map((r) => r / 1000));
  expect(warnings.map((e) => (e as any).message)).toContain('Evaluation period will expire in 7 days');
  expect(warnings.map((e) => (e as any).message)).toContain('Evaluation period will expire in 1 hours');
  expect(iso(instantsOf(events, /EVAL_EXPIRED$/))).toEqual(iso([end]));
  expect(events.filter((e) => !/EVAL_/.test(e.name))).toEqual([]);

  text = await ctx.api.statusText(NAME);
  expect(text).toContain(`License Authorization:\n  Status: EVAL EXPIRED on ${nxDate(end)}\n  Evaluation Period Remaining: 0 days, 0 hr, 0 min\n`);
  const status = await ctx.api.op('GET', `/switches/${NAME}/license/status`);
  expect(status.body.evaluation).toEqual({ usedSeconds: 90 * 86_400, remainingSeconds: 0, expired: true });
});
