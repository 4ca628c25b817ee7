import { ClockError, ClockErrorCode } from './clock.error';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** SPEC: in durations a month is 30 days and a year 365 days (no calendar arithmetic). */
const UNIT_MS: Record<string, number> = { Y: 365 * DAY, M: 30 * DAY, W: 7 * DAY, D: DAY, H: HOUR, m: MINUTE, S: SECOND, s: SECOND, d: DAY, h: HOUR, w: 7 * DAY, y: 365 * DAY };

const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
/** The CLI's shorthand: `90d`, `6h`, `15m`, `30s`, `2w`, `1y`, also combined (`1d12h`). */
const SHORT = /^(?:\d+[ywdhms])+$/;

/**
 * Milliseconds of an ISO 8601 duration (`P30D`, `PT6H`, `P1Y`, `P1DT2H`) or of the CLI's
 * shorthand (`90d`, `6h`). Throws ClockError(BadInput) otherwise.
 */
export function parseIsoDuration(text: string): number {
  const s = text.trim();
  const iso = ISO.exec(s);
  if (iso && s !== 'P' && !s.endsWith('T')) {
    const [, y, mo, w, d, h, mi, sec] = iso;
    return (
      Number(y ?? 0) * UNIT_MS.Y +
      Number(mo ?? 0) * UNIT_MS.M +
      Number(w ?? 0) * UNIT_MS.W +
      Number(d ?? 0) * UNIT_MS.D +
      Number(h ?? 0) * UNIT_MS.H +
      Number(mi ?? 0) * UNIT_MS.m +
      Math.round(Number(sec ?? 0) * SECOND)
    );
  }
  if (SHORT.test(s)) {
    let total = 0;
    for (const [, n, unit] of s.matchAll(/(\d+)([ywdhms])/g)) total += Number(n) * UNIT_MS[unit];
    return total;
  }
  throw new ClockError(ClockErrorCode.BadInput, `"${text}" is not a duration: use ISO 8601 (P30D, PT6H, P1Y) or 90d, 6h, 15m`);
}

/** An instant as ISO 8601 UTC with milliseconds, the form of every time on the wire. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** Epoch milliseconds of an ISO 8601 instant; throws ClockError(BadInput) if unreadable. */
export function parseInstant(text: string): number {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) throw new ClockError(ClockErrorCode.BadInput, `"${text}" is not an ISO 8601 instant`);
  return ms;
}
