import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TrustRoots } from '../callhome/trust-anchors.resolver';

export interface CaFileSet {
  roots: TrustRoots;
  /** Names, sizes and mtimes of the files read: a change means a server rotated its CA. */
  signature: string;
  /** Instances whose roots were found (e.g. `cloud`, `onprem`). */
  instances: string[];
}

/**
 * Reads every license server's exported roots in the state directory,
 * `<ns>-<instance>-ca-{current,legacy}.pem` (cssm-server writes them atomically). "current"
 * trusts the current root of every instance of the namespace, cloud and On-Prem alike, since a
 * switch trusting "current" trusts whichever server its destination names.
 */
export async function readCaFiles(stateDir: string, namespace: string): Promise<CaFileSet> {
  const dir = resolve(stateDir);
  const pattern = new RegExp(`^${namespace}-([a-z][a-z0-9_]*)-ca-(current|legacy)\\.pem$`);
  const names = await readdir(dir).catch(() => [] as string[]);
  const matches = names
    .map((name) => ({ name, match: pattern.exec(name) }))
    .filter((f): f is { name: string; match: RegExpExecArray } => f.match !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
  const roots: TrustRoots = { current: '', legacy: '' };
  const signature: string[] = [];
  const instances = new Set<string>();
  for (const { name, match } of matches) {
    const path = join(dir, name);
    const [pem, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]).catch(() => [undefined, undefined] as const);
    if (!pem || !info) continue;
    const role = match[2] as 'current' | 'legacy';
    roots[role] += pem.endsWith('\n') ? pem : `${pem}\n`;
    signature.push(`${name}:${info.size}:${info.mtimeMs}`);
    instances.add(match[1]);
  }
  return { roots, signature: signature.join('|'), instances: [...instances] };
}
