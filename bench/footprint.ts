import { printTable } from './bench-table';
import type { BenchTarget } from './bench-stack';
import type { PgStats } from './pg-stats';
import { processMemory } from './process-rss';

/**
 * History and transit, not the state of a switch: reported apart. `processed_command` is the
 * agent's dedupe log of applied commands, pruned after its retention (licensing-agent README).
 */
const NOT_STATE = new Set(['switch_event', 'outbox', 'device_messages', 'processed_command']);
/** Bookkeeping of the migration runner: neither state nor history. */
const IGNORED = new Set(['migrations', 'typeorm_metadata']);

export type SizeSnapshot = Map<string, number>;

/** Sizes of the stack's tables (with indexes and TOAST) before any switch exists. */
export async function emptySizes(t: BenchTarget, pg: PgStats): Promise<SizeSnapshot> {
  return new Map((await pg.relationSizes(t.namespace)).map((s) => [`${s.schema}.${s.table}`, s.bytes]));
}

/**
 * Bytes per switch of each service's tables: what N switches added to the empty schema (so
 * the fixed pages of small tables do not count), as stored (dead row versions included), then
 * of live rows only after VACUUM FULL — what autovacuum keeps a long-running fleet near. Events
 * and transit apart, and the resident memory of every service process.
 */
export async function printFootprint(t: BenchTarget, pg: PgStats, n: number, title: string, empty: SizeSnapshot): Promise<void> {
  const added = (s: { schema: string; table: string; bytes: number }) => s.bytes - (empty.get(`${s.schema}.${s.table}`) ?? 0);
  const tables = (await pg.relationSizes(t.namespace)).filter((s) => !IGNORED.has(s.table));
  const state = tables.filter((s) => !NOT_STATE.has(s.table));
  for (const s of state) await pg.query(`VACUUM FULL "${s.schema}"."${s.table}"`);
  const live = new Map((await pg.relationSizes(t.namespace)).map((s) => [`${s.schema}.${s.table}`, added(s)]));

  const perSwitch = (bytes: number) => Math.round(bytes / n);
  const rows: Array<[string, string | number]> = [['switches (N)', n], ['bytes per switch of state, by table', 'as stored / live']];
  let stored = 0;
  let liveTotal = 0;
  for (const s of state) {
    const l = live.get(`${s.schema}.${s.table}`) ?? 0;
    stored += added(s);
    liveTotal += l;
    if (added(s) > 0 || l > 0) rows.push([`  ${s.schema.slice(t.namespace.length + 1)}.${s.table} (${s.rows} rows)`, `${perSwitch(added(s))} / ${perSwitch(l)}`]);
  }
  rows.push(['state bytes/switch as stored (target < 4096)', perSwitch(stored)], ['state bytes/switch, live rows (target < 4096)', perSwitch(liveTotal)]);
  for (const s of tables.filter((x) => NOT_STATE.has(x.table))) {
    rows.push([`apart: ${s.schema.slice(t.namespace.length + 1)}.${s.table}: rows / bytes per switch`, `${s.rows} / ${perSwitch(added(s))}`]);
  }
  const columns = await pg
    .query<Record<string, string>>(
      `SELECT avg(pg_column_size(s.*))::int AS row, avg(pg_column_size(state))::int AS state, avg(pg_column_size(callhome))::int AS callhome,
              avg(pg_column_size(network))::int AS network, avg(pg_column_size(private_key))::int AS private_key
         FROM "${t.namespace}_agent".switch s`,
    )
    .catch(() => []);
  if (columns[0]) rows.push(['agent switch row, avg bytes: row / state / callhome / network / key', Object.values(columns[0]).join(' / ')]);
  for (const [name, pid] of Object.entries(t.pids())) {
    const mem = processMemory(pid);
    if (mem) rows.push([`RSS MB now / peak: ${name} (target < 250)`, `${mem.rssMb.toFixed(0)} / ${mem.peakMb.toFixed(0)}`]);
  }
  printTable(title, rows);
}
