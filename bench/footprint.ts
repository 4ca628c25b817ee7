import { printTable } from './bench-table';
import type { BenchTarget } from './bench-stack';
import type { PgStats } from './pg-stats';
import { processMemory } from './process-rss';

/** Tables that hold history or transit, not the state of a switch: reported apart. */
const NOT_STATE = new Set(['switch_event', 'outbox', 'device_messages', 'migrations', 'typeorm_metadata']);

/**
 * Bytes per switch of each service's schema (tables, indexes, TOAST; VACUUM-free live sizes),
 * events apart, and the resident memory of every service process.
 */
export async function printFootprint(t: BenchTarget, pg: PgStats, n: number, title: string): Promise<void> {
  await pg.query('SELECT 1'); // (sizes are read as they are: no VACUUM FULL, so bloat counts)
  const sizes = await pg.relationSizes(t.namespace);
  const bySchema = new Map<string, number>();
  const apart: Array<[string, string | number]> = [];
  let state = 0;
  for (const s of sizes) {
    const schema = s.schema.slice(t.namespace.length + 1);
    if (NOT_STATE.has(s.table)) {
      apart.push([`${schema}.${s.table}: rows / bytes per switch`, `${s.rows} / ${(s.bytes / n).toFixed(0)}`]);
      continue;
    }
    bySchema.set(schema, (bySchema.get(schema) ?? 0) + s.bytes);
    state += s.bytes;
  }
  const rows: Array<[string, string | number]> = [['switches (N)', n]];
  for (const [schema, bytes] of bySchema) rows.push([`state bytes/switch: ${schema}`, Math.round(bytes / n)]);
  rows.push(['state bytes/switch: total (target < 4096)', Math.round(state / n)], ...apart);
  const [events] = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM "${t.namespace}_agent".switch_event`).catch(() => [{ n: 'n/a' }]);
  rows.push(['events stored (switch_event rows)', String(events.n)]);
  for (const [name, pid] of Object.entries(t.pids())) {
    const mem = processMemory(pid);
    if (mem) rows.push([`RSS MB now / peak: ${name} (target < 250)`, `${mem.rssMb.toFixed(0)} / ${mem.peakMb.toFixed(0)}`]);
  }
  printTable(title, rows);
}
