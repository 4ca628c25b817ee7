import { Client } from 'pg';

/**
 * Creates the database named in the URL when it does not exist yet (API.md §4), by connecting
 * to the server's `postgres` database. Safe when several services start at once.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        // 42P04 duplicate_database: another service created it between our check and now.
        if (error.code !== '42P04') throw error;
      });
    }
  } finally {
    await client.end();
  }
}
