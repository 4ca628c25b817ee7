import { expect } from 'vitest';
import type { Stack } from '@fleetlic/testing';
import { DAY, licenseServer, nxDate, START, switchBody } from '../conformance.fixture';
import { replaySchedule } from './schedule-replay';

/**
 * A fleet's simulated year through the public API, written to survive faults: every call is
 * retried until the stack answers (a killed gateway refuses connections; an advance cut short by
 * a killed scheduler is simply asked again, it is idempotent by target). Then the checks of a
 * fault-free run: exact dates, events counted, server counts equal to the agents' usage.
 */
export const T0 = Date.parse(START);
const TAG = 'NXOS_ADVANTAGE_XF';

export interface YearFigures {
  switches: number;
  retriedCalls: number;
  transient5xx: number;
  registerMs: number;
  yearMs: number;
}

async function call(stack: Stack, role: 'operator' | 'admin', method: string, path: string, body: unknown, figures: YearFigures, accept = 'application/json') {
  // A renewal day of a large fleet under kills takes a while: the wait grows with the fleet.
  const started = Date.now();
  const deadline = Date.now() + 180_000 + figures.switches * 300;
  for (;;) {
    try {
      const res = await fetch(`${stack.gatewayUrl}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${stack.keys[role]}`, accept, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(120_000),
      });
      const text = await res.text();
      if (res.status < 500) return { status: res.status, text, body: res.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text };
      figures.transient5xx++;
    } catch {
      /* connection refused or reset: the gateway is being restarted */
    }
    if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer in ${Math.round((deadline - started) / 1000)} s`);
    figures.retriedCalls++;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function pool<T>(items: T[], concurrency: number, job: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await job(items[next++]);
  }));
}

export const names = (n: number) => Array.from({ length: n }, (_, i) => `chaos-${String(i).padStart(5, '0')}`);

/** Creates, sets usage and registers `n` switches at T0, then advances a year in `stepDays` steps. */
export async function liveAYear(stack: Stack, n: number, stepDays: number, endDay = 370): Promise<YearFigures> {
  const figures: YearFigures = { switches: n, retriedCalls: 0, transient5xx: 0, registerMs: 0, yearMs: 0 };
  const server = licenseServer(stack);
  await server.setUp('Default', n + 10);
  const token = await server.token('Default', { uses: n * 3 });
  const all = names(n);
  const started = Date.now();
  await pool(all, 16, async (name) => {
    const created = await call(stack, 'operator', 'POST', '/switches', switchBody(name, `CH${name.slice(6)}`), figures);
    expect([201, 409], created.text).toContain(created.status); // 409: our retry after a lost answer
    const usage = await call(stack, 'operator', 'PUT', `/switches/${name}/license/usage?wait=true`, { entitlements: [{ tag: TAG, count: 1 }] }, figures);
    expect(usage.status, usage.text).toBeLessThan(300);
    const reg = await call(stack, 'operator', 'POST', `/switches/${name}/license/register?wait=true`, { idToken: token }, figures);
    // 422 "already registered": the first attempt was applied but its answer was lost to a kill.
    expect([200, 422], reg.text).toContain(reg.status);
  });
  // Every switch has taken its registration before the clock moves: REGISTERED, or REGISTERING
  // when a kill cut its exchange short (a communication failure, SPEC §5: it registers at its
  // retry once the clock moves, and the outcome check counts it as shifted).
  await waitFor(async () => {
    let taken = 0;
    // Pages of 1,000 (the API's largest) for fleets beyond it.
    for (let cursor: string | null = ''; cursor !== null; ) {
      const list = await call(stack, 'operator', 'GET', `/switches?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, figures);
      taken += (list.body.items as { registration: string }[]).filter((i) => i.registration === 'REGISTERED' || i.registration === 'REGISTERING').length;
      cursor = list.body.nextCursor as string | null;
    }
    return taken === n;
  }, 120_000 + n * 100, 'every switch REGISTERED or REGISTERING');
  figures.registerMs = Date.now() - started;
  const yearStart = Date.now();
  for (let day = stepDays; day < endDay + stepDays; day += stepDays) {
    const to = new Date(T0 + Math.min(day, endDay) * DAY).toISOString();
    const res = await call(stack, 'admin', 'POST', '/clock/advance', { to }, figures);
    // 422 "in the past": the previous attempt did reach the target before its answer was lost.
    expect([200, 422], res.text).toContain(res.status);
  }
  figures.yearMs = Date.now() - yearStart;
  return figures;
}

async function waitFor(ok: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export interface OutcomeFigures {
  /** Switches without a single failed attempt: every date exactly that of a fault-free year. */
  exactSwitches: number;
  /** Switches with failed attempts (a license-server outage), whose retries shifted their dates. */
  shiftedByFailures: number;
  failedAttempts: number;
  authRenewals: number;
  certRenewals: number;
  duplicates: number;
  /** Attempts that came when SPEC's timers did not call for one, or did not come when they did. */
  scheduleViolations: number;
  inUse: number;
  agentUsage: number;
}

/**
 * What a year gives each switch registered at T0 (healthy-year.system.spec.ts): one registration,
 * REGISTERED and AUTHORIZED at the end, the same event never twice, and every attempt exactly when
 * SPEC's timers call for it given the outcomes before it (`replaySchedule`). A switch without a
 * failed attempt therefore has the dates of a fault-free year (authorization every 30 days, the
 * ID certificate at +180 and +360 days); one whose attempt fell into a license-server outage
 * retried like a real switch and shifted, and is counted apart. `show license status` must show
 * the dates the replay arrives at.
 */
export async function expectFaultFreeOutcome(stack: Stack, n: number, endDay = 370): Promise<OutcomeFigures> {
  const figures: YearFigures = { switches: n, retriedCalls: 0, transient5xx: 0, registerMs: 0, yearMs: 0 };
  const out: OutcomeFigures = { exactSwitches: 0, shiftedByFailures: 0, failedAttempts: 0, authRenewals: 0, certRenewals: 0, duplicates: 0, scheduleViolations: 0, inUse: 0, agentUsage: 0 };
  const end = T0 + endDay * DAY;
  const problems: string[] = [];
  await pool(names(n), 8, async (name) => {
    const ev = await call(stack, 'operator', 'GET', `/switches/${name}/events?limit=1000`, undefined, figures);
    const events = (ev.body.items as { name: string; at: string }[]).map((e) => ({ name: e.name, at: Date.parse(e.at) })).reverse(); // oldest first
    const of = (re: RegExp) => events.filter((e) => re.test(e.name)).map((e) => e.at);
    const regs = of(/AGENT_REG_SUCCESS$/);
    const auths = of(/AUTH_RENEW_SUCCESS$/).filter((t) => t > T0);
    const certs = of(/ID_CERT_RENEW_SUCCESS$/);
    const dup = (ts: number[]) => ts.length - new Set(ts).size;
    out.duplicates += dup(auths) + dup(certs) + Math.max(0, regs.length - 1);
    out.authRenewals += auths.length;
    out.certRenewals += certs.length;
    const replay = replaySchedule(events, T0, end);
    out.failedAttempts += replay.failures;
    out.scheduleViolations += replay.violations.length;
    problems.push(...replay.violations.map((v) => `${name}: ${v}`));
    if (replay.failures === 0 && replay.registeredAt === T0) out.exactSwitches++;
    else out.shiftedByFailures++;
    const status = await call(stack, 'operator', 'GET', `/switches/${name}/license/status`, undefined, figures);
    const s = status.body;
    out.agentUsage += (s.usage as { tag: string; count: number }[]).filter((u) => u.tag === TAG).reduce((sum, u) => sum + u.count, 0);
    if (s.authorization.status !== 'AUTHORIZED' || s.registration.status !== 'REGISTERED') problems.push(`${name}: ${s.registration.status}/${s.authorization.status}`);
    const { registeredAt, lastAuthSuccess, nextAuthAt, nextCertAt } = replay;
    if (registeredAt === undefined || lastAuthSuccess === undefined || nextAuthAt === undefined || nextCertAt === undefined) return;
    const text = (await call(stack, 'operator', 'GET', `/switches/${name}/license/status`, undefined, figures, 'text/plain')).text;
    const shown = [
      `  Initial Registration: SUCCEEDED on ${nxDate(registeredAt)}\n`,
      `  Next Renewal Attempt: ${nxDate(nextCertAt)}\n`,
      `  Status: AUTHORIZED on ${nxDate(lastAuthSuccess)}\n`,
      `  Next Communication Attempt: ${nxDate(nextAuthAt)}\n`,
      `  Communication Deadline: ${nxDate(lastAuthSuccess + 90 * DAY)}\n`,
    ];
    for (const line of shown) if (!text.includes(line)) problems.push(`${name}: show license status lacks "${line.trim()}"`);
  });
  const pools = await licenseServer(stack).pools('Default');
  out.inUse = pools.find((p) => p.license === TAG || (p as any).licenseTag === TAG)?.inUse ?? -1;
  expect(problems.slice(0, 20)).toEqual([]);
  expect(out.inUse).toBe(out.agentUsage);
  return out;
}

/** The simulated day (since T0) the stack's clock shows, or -1 while the gateway does not answer. */
async function simulatedDay(stack: Stack): Promise<number> {
  const res = await fetch(`${stack.gatewayUrl}/api/v1/clock`, { headers: { authorization: `Bearer ${stack.keys.operator}` }, signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  const body = res?.ok ? ((await res.json()) as { now: string }) : undefined;
  return body ? (Date.parse(body.now) - T0) / DAY : -1;
}

export interface RestartFigures {
  /** Per restart, ms from the stop until every service answered its health check again. */
  outages: number[];
  /** The simulated day each stop came on. */
  days: number[];
}

/**
 * `liveAYear` while an infrastructure server is stopped and started `times` times. Stop i comes as
 * soon as the clock reaches the first renewal day (a multiple of 30, when every switch renews at
 * once) after day 370·i/(times+1), so that it cuts work in flight; a wall-clock delay could let a
 * restart fall on a quiet day, or after a fast year has already ended, and test nothing.
 * `restart` stops the server, waits and starts it again; the outage ends when every service
 * answers its health check through it.
 */
export async function yearWithRestarts(stack: Stack, n: number, times: number, restart: () => Promise<void>): Promise<{ year: YearFigures; restarts: RestartFigures }> {
  const restarts: RestartFigures = { outages: [], days: [] };
  let running = true;
  const faults = (async () => {
    for (let i = 0; i < times && running; i++) {
      const day = Math.min(360, Math.ceil((370 * (i + 1)) / (times + 1) / 30) * 30);
      let now = -1;
      while (running && (now = await simulatedDay(stack)) < day) await new Promise((r) => setTimeout(r, 100));
      if (!running) break; // the year ended first: the caller's restart count fails the test
      const down = Date.now();
      restarts.days.push(Math.round(now));
      await restart();
      for (const svc of Object.keys(stack.pids())) await stack.waitReady(svc);
      restarts.outages.push(Date.now() - down);
    }
  })();
  try {
    return { year: await liveAYear(stack, n, 5), restarts };
  } finally {
    running = false;
    await faults;
  }
}
