import { hasPendingMigrations } from '@fleetlic/persistence';
import { DataSource } from 'typeorm';

/** True when the schema exists and every committed migration has been applied to it. */
export async function schemaIsCurrent(ds: DataSource, schema: string): Promise<boolean> {
  const found = await ds.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, 'migrations']);
  if (!found.length) return false;
  return !(await hasPendingMigrations(ds));
}
