import { Client } from 'pg';

/** Counters of one database from pg_stat_database, and the size of a namespace's schemas. */
export class PgStats {
  private constructor(private readonly client: Client) {}

  static async open(databaseUrl: string): Promise<PgStats> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new PgStats(client);
  }

  /**
   * Committed transactions of the current database so far. Statistics are flushed by backends
   * at most once a second (PostgreSQL 15), so a reading waits that long first.
   */
  async xactCommit(): Promise<number> {
    await new Promise((r) => setTimeout(r, 1_500));
    await this.client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await this.client.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
    return Number(rows[0].n);
  }

  /** Bytes of every table (with its indexes and TOAST) of each schema `<ns>_*`, per table. */
  async relationSizes(namespace: string): Promise<{ schema: string; table: string; bytes: number; rows: number }[]> {
    const { rows } = await this.client.query<{ schema: string; table: string; bytes: string; rows: string }>(
      `SELECT n.nspname AS schema, c.relname AS table, pg_total_relation_size(c.oid) AS bytes, c.reltuples::bigint AS rows
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname LIKE $1 ORDER BY 1, 2`,
      [`${namespace.replace(/_/g, '\\_')}\\_%`],
    );
    // reltuples is -1 until the first ANALYZE: count those tables exactly.
    for (const r of rows) if (Number(r.rows) < 0) r.rows = (await this.client.query<{ n: string }>(`SELECT count(*) AS n FROM "${r.schema}"."${r.table}"`)).rows[0].n;
    return rows.map((r) => ({ schema: r.schema, table: r.table, bytes: Number(r.bytes), rows: Number(r.rows) }));
  }

  query<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.client.query(sql, params).then((r) => r.rows as R[]);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
