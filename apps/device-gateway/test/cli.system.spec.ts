import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, startStack, type Stack } from '@fleetlic/testing';
import { CLIENT, gateway, licenseServer, SIMULATED_ENV } from './support/system-fixture';

// `fleetlic` (API.md §2) run as a user runs it, against a whole stack: what it prints and its
// exit codes (0 success, 1 refused, 2 usage error).
let stack: Stack;
let cssm: ReturnType<typeof licenseServer>;
const EXAMPLES = '/work/shared/examples/known-problems';
const exec = promisify(execFile);

beforeAll(async () => {
  stack = await startStack({ env: SIMULATED_ENV });
  cssm = licenseServer(stack);
  await cssm.setUp('Default', 100);
});
afterAll(async () => {
  await stack?.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

async function fleetlic(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...stack.env, FLEETLIC_URL: stack.gatewayUrl, FLEETLIC_API_KEY: stack.keys.admin, FLEETLIC_CSSM_CLIENT_ID: CLIENT.id, FLEETLIC_CSSM_CLIENT_SECRET: CLIENT.secret };
  try {
    const { stdout, stderr } = await exec(process.execPath, [join(repoRoot(), 'bin/fleetlic.js'), ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

it('adds a switch and prints show license status exactly as the agent renders it', async () => {
  expect((await fleetlic('switch', 'add', 'cli-1', '--pid', 'N9K-C93180YC-FX', '--serial', 'FDO10000001', '--version', '9.3(5)')).code).toBe(0);
  const shown = await fleetlic('-s', 'cli-1', 'show', 'license', 'status');
  expect(shown.code).toBe(0);
  const text = (await gateway(stack, 'viewer')('GET', '/switches/cli-1/license/status', { accept: 'text/plain' })).text;
  expect(shown.stdout).toBe(text);
  expect(shown.stdout).toContain('  Status: EVAL MODE\n');
  const list = await fleetlic('--json', 'switch', 'list');
  expect(JSON.parse(list.stdout).map((s: { name: string }) => s.name)).toContain('cli-1');
});

it('creates a token with cssm, registers with it and prints the resulting status', async () => {
  expect((await fleetlic('-s', 'cli-1', 'license', 'usage', 'NXOS_ADVANTAGE_XF=1')).code).toBe(0);
  const token = await fleetlic('cssm', 'token', 'create', '--va', 'Default');
  expect(token.code).toBe(0);
  const registered = await fleetlic('-s', 'cli-1', 'license', 'smart', 'register', 'idtoken', token.stdout.trim());
  expect(registered.code).toBe(0);
  expect(registered.stdout).toContain('Registration:\n  Status: REGISTERED\n');
  expect(registered.stdout).toContain('  Initial Registration: SUCCEEDED on Jun 22 16:15:41 2022 UTC\n');
  const licenses = await fleetlic('cssm', 'licenses', '--va', 'Default');
  expect(licenses.code).toBe(0);
  expect(licenses.stdout).toContain('In Compliance');
});

it('exits 1 on a refused command and 2 on a usage error', async () => {
  const revoked = await cssm.token('Default');
  await cssm.revoke('Default', revoked);
  expect((await fleetlic('switch', 'add', 'cli-2', '--pid', 'N9K-C93180YC-FX', '--serial', 'FDO10000002', '--version', '9.3(5)')).code).toBe(0);
  const refusedByCssm = await fleetlic('-s', 'cli-2', 'license', 'smart', 'register', 'idtoken', revoked);
  expect(refusedByCssm.code).toBe(1);
  expect(refusedByCssm.stdout).toContain('Failure reason: The ID token has been revoked');
  const unknownTag = await fleetlic('-s', 'cli-2', 'license', 'usage', 'NXOS_PLATINUM=1');
  expect(unknownTag.code).toBe(1);
  expect(unknownTag.stderr).toContain('NXOS_ESSENTIALS_XF');
  expect((await fleetlic('-s', 'no-such', 'show', 'license', 'status')).code).toBe(1);
  expect((await fleetlic('show', 'license', 'status')).code).toBe(2);
  expect((await fleetlic('-s', 'cli-2', 'show', 'license', 'bogus')).code).toBe(2);
  const unknown = await fleetlic('frobnicate');
  expect(unknown.code).toBe(2);
  expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
});

it('sets Call Home from an NX-OS block and diagnoses pasted texts', async () => {
  const callhome = await fleetlic('-s', 'cli-2', 'callhome', `${EXAMPLES}/2-http-destination/running-config-callhome.txt`);
  expect(callhome.code).toBe(0);
  expect(callhome.stdout).toContain('http://');
  const diagnosed = await fleetlic('diagnose', '--callhome', `${EXAMPLES}/2-http-destination/running-config-callhome.txt`, '--status', `${EXAMPLES}/2-http-destination/license-status.txt`);
  expect(diagnosed.code).toBe(0);
  expect(diagnosed.stdout).toContain('Problem: HTTP_DESTINATION');
});

it('shows and advances the simulated clock', async () => {
  const clock = await fleetlic('clock');
  expect(clock.stdout.trim()).toBe('2022-06-22T16:15:41.000Z (simulated)');
  const advanced = await fleetlic('clock', 'advance', '1d');
  expect(advanced.code).toBe(0);
  expect(advanced.stdout.trim()).toBe('2022-06-23T16:15:41.000Z (simulated)');
  expect((await fleetlic('clock', 'advance', 'soon')).code).toBe(2);
});
