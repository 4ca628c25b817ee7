// `npm run bench -- <name> [--switches N]`: runs bench/<name>.ts (built into dist/bench/).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [--switches N]`);
  process.exit(2);
}
const entry = join(root, 'dist/bench', `${name}.bench.js`);
if (!existsSync(entry)) {
  console.error(`${entry} is missing: run npm run build`);
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--enable-source-maps', entry, ...args], { stdio: 'inherit', cwd: root, env: process.env });
process.exit(run.status ?? 1);
