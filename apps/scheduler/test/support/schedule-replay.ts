/**
 * Replays a switch's event log against the timers of SPEC §5–§7 and says where it departs from
 * them. A fault test cannot demand the dates of a fault-free year from a switch whose renewal fell
 * into a license-server outage: a real switch retries and its schedule shifts. What it can demand
 * is that every attempt came exactly when the rules say, given the outcomes before it: a wake
 * that was missed shows as an expected attempt that never came (or came late), a wake delivered
 * twice as an attempt nobody expected. The retry schedules are written out here from SPEC, not
 * imported from the product, so that a wrong product policy cannot agree with itself.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface ReplayEvent {
  name: string;
  at: number;
}

export interface Replay {
  /** The registration that succeeded. */
  registeredAt?: number;
  lastAuthSuccess?: number;
  /** When the next authorization attempt is due after the last event. */
  nextAuthAt?: number;
  /** When the next ID certificate renewal attempt is due after the last event. */
  nextCertAt?: number;
  failures: number;
  /** Departures from the rules, as sentences; empty when every attempt came exactly on time. */
  violations: string[];
}

type SeriesKind = 'registration' | 'first-authorization' | 'authorized' | 'id-certificate';
interface Series {
  kind: SeriesKind;
  t0: number;
  k: number;
}

// SPEC §5 (registration, and a first authorization that fails), §6 (from AUTHORIZED), §7.
function retryAt({ kind, t0, k }: Series): number {
  if (kind === 'registration' || kind === 'first-authorization') return k <= 16 ? t0 + 15 * MINUTE * k : t0 + 4 * HOUR + HOUR * (k - 16);
  if (kind === 'authorized') return t0 + 23 * HOUR * k;
  return t0 + HOUR * k;
}

/**
 * The series after an attempt at `at` failed: a new one starts there, a running one moves to its
 * next retry. On the simulated clock an attempt is sent and answered at the same instant.
 */
function afterFailure(series: Series | undefined, kind: SeriesKind, at: number): Series {
  const next = series && series.kind === kind ? { ...series, k: series.k + 1 } : { kind, t0: at, k: 1 };
  while (retryAt(next) <= at) next.k += 1;
  return next;
}

const short = (name: string) => name.replace(/^SMART_LIC-\d-/, '');
const iso = (t: number) => new Date(t).toISOString();

/**
 * `events` is a switch's whole log, oldest first (events of one instant keep their order);
 * `registerAt` the instant its registration was asked for (the operator's command, possibly
 * repeated at that instant); `end` the instant the clock was advanced to: everything due up to
 * it must have happened.
 */
export function replaySchedule(events: ReplayEvent[], registerAt: number, end: number): Replay {
  const out: Replay = { failures: 0, violations: [] };
  const attempts = events
    .map((e) => ({ name: short(e.name), at: e.at }))
    .filter((e) => /^(AGENT_REG|AUTH_RENEW|ID_CERT_RENEW)_(SUCCESS|FAILED)$/.test(e.name))
    .sort((a, b) => a.at - b.at);
  let regDue: number | undefined = registerAt;
  let regSeries: Series | undefined;
  let authSeries: Series | undefined;
  let certSeries: Series | undefined;
  for (const { name, at } of attempts) {
    const failed = name.endsWith('_FAILED');
    if (failed) out.failures++;
    const off = (due: number | undefined) => out.violations.push(`${name} at ${iso(at)}: ${due === undefined ? 'no attempt was due' : `due at ${iso(due)}`}`);
    if (name.startsWith('AGENT_REG')) {
      // The operator's register command may be repeated at its instant (a lost answer); after that, only retries.
      if (at !== registerAt && at !== regDue) off(regDue);
      if (out.registeredAt !== undefined) off(undefined);
      if (failed) {
        regSeries = afterFailure(regSeries, 'registration', at);
        regDue = retryAt(regSeries);
        continue;
      }
      out.registeredAt = at;
      regDue = undefined;
      // SPEC §5: the first authorization goes at once; the certificate renews 180 days later.
      out.nextAuthAt = at;
      out.nextCertAt = at + 180 * DAY;
      authSeries = certSeries = undefined;
    } else if (name.startsWith('AUTH_RENEW')) {
      if (at !== out.nextAuthAt) off(out.nextAuthAt);
      if (failed) {
        const kind = out.lastAuthSuccess === undefined ? 'first-authorization' : 'authorized';
        authSeries = afterFailure(authSeries, kind, at);
        out.nextAuthAt = retryAt(authSeries);
        if (out.lastAuthSuccess !== undefined && out.nextAuthAt > out.lastAuthSuccess + 90 * DAY) out.violations.push(`${name} at ${iso(at)}: next retry ${iso(out.nextAuthAt)} is past the deadline`);
        continue;
      }
      out.lastAuthSuccess = at;
      authSeries = undefined;
      out.nextAuthAt = at + 30 * DAY;
    } else {
      if (at !== out.nextCertAt) off(out.nextCertAt);
      if (failed) {
        certSeries = afterFailure(certSeries, 'id-certificate', at);
        out.nextCertAt = retryAt(certSeries);
        continue;
      }
      certSeries = undefined;
      out.nextCertAt = at + 180 * DAY;
    }
  }
  if (out.registeredAt === undefined) out.violations.push(`never registered${regDue !== undefined && regDue <= end ? `: a retry was due at ${iso(regDue)}` : ''}`);
  for (const [what, due] of [['authorization', out.nextAuthAt], ['certificate renewal', out.nextCertAt]] as const) {
    if (due !== undefined && due <= end) out.violations.push(`missed: ${what} due at ${iso(due)}, nothing came by ${iso(end)}`);
  }
  return out;
}
