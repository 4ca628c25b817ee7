import type { DataSource } from 'typeorm';
import type { StateCount } from './fleet-read.repository';
import { AUTHORIZATION_STATUSES, REGISTRATION_STATUSES } from '@fleetlic/contracts';

const DAY_MS = 86_400_000;
/** How many of the soonest instants of each kind the summary names. */
const NEXT_COUNT = 5;

export interface Upcoming {
  within7Days: number;
  within30Days: number;
  next: { name: string; at: string }[];
}

export interface FleetCounts {
  at: string;
  total: number;
  registration: Record<string, number>;
  authorization: Record<string, number>;
  upcoming: { communicationDeadline: Upcoming; certificateExpiry: Upcoming; evaluationEnd: Upcoming };
  failures: { reason: string; count: number }[];
}

const KINDS = { communicationDeadline: 'deadline_at', certificateExpiry: 'cert_expires_at', evaluationEnd: 'eval_ends_at' } as const;

/**
 * The summary's windows and failures in ONE statement: every window count and "next" list is a
 * range scan of its partial index. The state counts, the one full scan, come from FleetStateCache.
 */
function summarySql(): string {
  const parts = Object.entries(KINDS).flatMap(([kind, col]) => [
    `(SELECT count(*)::int FROM fleet_switch WHERE ${col} >= $1 AND ${col} < $2) AS "${kind}7"`,
    `(SELECT count(*)::int FROM fleet_switch WHERE ${col} >= $1 AND ${col} < $3) AS "${kind}30"`,
    `(SELECT coalesce(json_agg(t), '[]') FROM (SELECT name, ${col} AS at FROM fleet_switch WHERE ${col} >= $1 ORDER BY ${col} LIMIT ${NEXT_COUNT}) t) AS "${kind}Next"`,
  ]);
  return `SELECT
    (SELECT coalesce(json_agg(t ORDER BY t.count DESC, t.reason), '[]') FROM (SELECT last_failure_reason AS reason, count(*)::int AS count
       FROM fleet_switch WHERE last_failure_reason IS NOT NULL GROUP BY 1) t) AS failures,
    ${parts.join(',\n    ')}`;
}
const SQL = summarySql();

/** Counts of the fleet at `now` (the shared clock's instant, so simulated time is honoured). */
export async function fleetCounts(ds: DataSource, now: number, states: StateCount[]): Promise<FleetCounts> {
  const [row] = (await ds.query(SQL, [new Date(now), new Date(now + 7 * DAY_MS), new Date(now + 30 * DAY_MS)])) as Record<string, any>[];
  const registration: Record<string, number> = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0]));
  const authorization: Record<string, number> = Object.fromEntries(AUTHORIZATION_STATUSES.map((s) => [s, 0]));
  let total = 0;
  for (const s of states) {
    registration[s.registration] = (registration[s.registration] ?? 0) + s.n;
    authorization[s.authorization] = (authorization[s.authorization] ?? 0) + s.n;
    total += s.n;
  }
  const upcoming = Object.fromEntries(
    Object.keys(KINDS).map((k) => [
      k,
      { within7Days: row[`${k}7`], within30Days: row[`${k}30`], next: (row[`${k}Next`] as { name: string; at: string }[]).map((n) => ({ name: n.name, at: new Date(n.at).toISOString() })) },
    ]),
  ) as FleetCounts['upcoming'];
  return { at: new Date(now).toISOString(), total, registration, authorization, upcoming, failures: row.failures };
}
