import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes roots where cssm-server would, `<dir>/<ns>-<instance>-ca-{current,legacy}.pem`. */
export async function writeCaFiles(dir: string, namespace: string, instance: string, roots: { current: string; legacy: string }): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const role of ['current', 'legacy'] as const) await writeFile(join(dir, `${namespace}-${instance}-ca-${role}.pem`), roots[role]);
}
