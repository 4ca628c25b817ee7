// Applies the committed migrations of every service that has a schema (npm run migrate).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
export const SERVICES_WITH_SCHEMA = ['cssm-server', 'licensing-agent', 'scheduler', 'device-gateway'];

export function migrateAll(env = process.env) {
  for (const service of SERVICES_WITH_SCHEMA) {
    const entry = join(root, 'dist/apps', service, 'src/migrate.js');
    if (!existsSync(entry)) continue;
    const run = spawnSync(process.execPath, [entry], { env, stdio: 'inherit', cwd: root });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) migrateAll();
