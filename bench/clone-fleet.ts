import { Client } from 'pg';

/**
 * Scales the READ side to `total` switches by copying the rows of switch `template` in SQL: the
 * agent's `switch` rows and the gateway's `fleet_switch` projection, named like onboarded ones
 * (`bench-0000042`). Onboarding 100,000 switches end to end takes hours on two cores (see the
 * onboard figures), so the query benchmark at that scale reads copies: every copy is a real,
 * registered and authorized state, but has no license-server instance and no wake-up.
 */
export async function cloneFleet(databaseUrl: string, namespace: string, template: string, from: number, total: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [schema, table] of [[`${namespace}_agent`, 'switch'], [`${namespace}_gateway`, 'fleet_switch']] as const) {
      const columns: string[] = (
        await client.query('SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', [schema, table])
      ).rows.map((r: { column_name: string }) => r.column_name);
      // Unique columns get a value per copy; everything else is the template's.
      const value = (c: string) => {
        if (c === 'id' || c === 'switch_id') return 'gen_random_uuid()';
        if (c === 'name') return `'bench-' || lpad(g::text, 7, '0')`;
        if (c === 'serial_number') return `'BNC' || lpad(g::text, 8, '0')`;
        if (c === 'udi') return `'PID:' || t.pid || ',SN:BNC' || lpad(g::text, 8, '0')`;
        return `t.${c}`;
      };
      await client.query(
        `INSERT INTO "${schema}"."${table}" (${columns.map((c) => `"${c}"`).join(', ')})
         SELECT ${columns.map(value).join(', ')} FROM "${schema}"."${table}" t, generate_series($2::int, $3::int - 1) g WHERE t.name = $1`,
        [template, from, total],
      );
      await client.query(`ANALYZE "${schema}"."${table}"`);
    }
  } finally {
    await client.end();
  }
}
