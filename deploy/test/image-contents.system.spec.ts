import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, startStack, type Stack } from '@fleetlic/testing';

/**
 * The container image's steps as plain commands (no Docker engine runs in CI): a production-only
 * install (`npm ci --omit=dev`) plus the built dist/, exactly what deploy/Dockerfile's runtime
 * stage holds, must migrate, start every service and answer a first request.
 */
describe('the image contents (npm ci --omit=dev + dist/)', () => {
  const root = repoRoot();
  const imageRoot = mkdtempSync(join(tmpdir(), 'fleetlic-image-'));
  let stack: Stack;

  beforeAll(async () => {
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(root, file), join(imageRoot, file));
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: imageRoot, stdio: 'pipe' });
    cpSync(join(root, 'dist'), join(imageRoot, 'dist'), { recursive: true });
    stack = await startStack({ root: imageRoot });
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(imageRoot, { recursive: true, force: true });
  });

  it('runs every service without dev dependencies and serves a switch', async () => {
    const headers = { authorization: `Bearer ${stack.keys.operator}`, 'content-type': 'application/json' };
    const created = await fetch(`${stack.gatewayUrl}/api/v1/switches`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'image-check', pid: 'N9K-C93180YC-FX', serialNumber: 'FDOIMAGE001', nxosVersion: '10.2(3)F' }),
    });
    expect(created.status).toBe(201);
    const status = await fetch(`${stack.gatewayUrl}/api/v1/switches/image-check/license/status`, { headers: { ...headers, accept: 'text/plain' } });
    expect(await status.text()).toContain('Status: UNREGISTERED');
  });
});
