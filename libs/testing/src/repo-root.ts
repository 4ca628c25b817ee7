import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the directory of fleetlic's package.json), from sources or from dist/. */
export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'fleetlic') return dir;
    if (dirname(dir) === dir) throw new Error(`no fleetlic package.json above ${from}`);
  }
}
