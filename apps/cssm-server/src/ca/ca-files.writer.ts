import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CssmConfig } from '../common/injection-tokens';

/** `<stateDir>/<ns>-<instance>-ca-<role>.pem`: where the adapter and the CLI find the roots to trust. */
export function caFilePath(config: Pick<CssmConfig, 'stateDir' | 'namespace' | 'instance'>, role: 'current' | 'legacy'): string {
  return resolve(join(config.stateDir, `${config.namespace}-${config.instance}-ca-${role}.pem`));
}

/** Writes both roots atomically (write then rename), so a reader never sees half a file. */
export async function writeCaFiles(config: CssmConfig, pems: { current: string; legacy: string }): Promise<void> {
  await mkdir(resolve(config.stateDir), { recursive: true });
  for (const role of ['current', 'legacy'] as const) {
    const path = caFilePath(config, role);
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, pems[role]);
    await rename(tmp, path);
  }
}
