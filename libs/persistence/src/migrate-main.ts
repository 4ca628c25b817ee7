import { parseEnv, FleetlicEnv } from '@fleetlic/contracts';
import { DataSource } from 'typeorm';
import { ensureDatabase } from './ensure-database';
import { runMigrations } from './migrations';

/**
 * The body of every app's `migrate.ts` entry: validate the environment, create the database if
 * missing, apply the service's migrations, print one line, exit.
 */
export async function migrateMain(service: string, dataSourceFor: (env: FleetlicEnv) => DataSource): Promise<void> {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`${service}: ${parsed.message}`);
    process.exit(1);
  }
  const env = parsed.env;
  try {
    await ensureDatabase(env.DATABASE_URL);
    const ds = dataSourceFor(env);
    await ds.initialize();
    const applied = await runMigrations(ds);
    await ds.destroy();
    console.log(`${service}: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}`);
  } catch (error) {
    const where = new URL(env.DATABASE_URL);
    console.error(`${service}: migration failed against PostgreSQL at ${where.host}${where.pathname}: ${(error as Error).message}`);
    process.exit(1);
  }
}
