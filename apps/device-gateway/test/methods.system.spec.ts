import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually, freePort, repoRoot, startConnectProxy, startStack, type ConnectProxy, type Stack } from '@fleetlic/testing';
import { gateway, licenseServer, SIMULATED_ENV, switchBody } from './support/system-fixture';

// Issue 5, system test 6: method 2 (through an HTTP CONNECT proxy) and method 3 (an On-Prem
// cssm-server) both authorize.
let stack: Stack;
let proxy: ConnectProxy;
let onpremPort: number;
let onprem: ChildProcess | undefined;
let onpremLog = '';
let stopping = false;

/** Runs a built script of the repo with the stack's env plus `env`; resolves with its exit code. */
function node(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: repoRoot(), env: { ...stack.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (onpremLog += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (onpremLog += d.toString()));
  return child;
}

beforeAll(async () => {
  stack = await startStack({ env: SIMULATED_ENV });
  proxy = await startConnectProxy();
  // The harness migrates the stack's own license server only; the On-Prem instance has its own schema.
  onpremPort = await freePort();
  const env = { FLEETLIC_CSSM_MODE: 'onprem', FLEETLIC_CSSM_INSTANCE: 'onprem', FLEETLIC_CSSM_HTTPS_PORT: String(onpremPort), FLEETLIC_CSSM_HTTP_PORT: String(await freePort()), OTEL_SERVICE_NAME: 'cssm-onprem' };
  const migrate = node(['dist/apps/cssm-server/src/migrate.js'], env);
  expect(await new Promise((r) => migrate.on('exit', r))).toBe(0);
  onprem = node(['--require', join(repoRoot(), 'dist/libs/telemetry/src/preload.js'), 'dist/apps/cssm-server/src/main.js'], env);
  onprem.on('exit', (code) => !stopping && console.error(`cssm-onprem exited (${code}):\n${onpremLog}`));
  await expectEventually(() => expect(existsSync(join(stack.env.FLEETLIC_STATE_DIR, `${stack.namespace}-onprem-ca-current.pem`))).toBe(true), { timeoutMs: 30_000, intervalMs: 200 });
  await expectEventually(async () => expect((await fetch(`http://127.0.0.1:${env.FLEETLIC_CSSM_HTTP_PORT}/`)).status).toBeLessThan(500), { timeoutMs: 30_000, intervalMs: 200 });
});
afterAll(async () => {
  if (onprem && onprem.exitCode === null) {
    stopping = true;
    const exited = new Promise((r) => onprem!.on('exit', r));
    onprem.kill('SIGTERM');
    await exited;
  }
  await proxy?.close();
  await stack?.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') {
    stack?.dumpLogs();
    console.error(`----- cssm-onprem -----\n${onpremLog}`);
  }
});

async function registerAndExpectAuthorized(name: string, token: string, extra: Record<string, unknown>) {
  const api = gateway(stack, 'operator');
  expect((await api('POST', '/switches', { body: switchBody(name, `FDO-${name}`, extra) })).status).toBe(201);
  expect((await api('PUT', `/switches/${name}/license/usage?wait=true`, { body: { entitlements: [{ tag: 'NXOS_ESSENTIALS_XF', count: 1 }] } })).status).toBe(200);
  const res = await api('POST', `/switches/${name}/license/register?wait=true`, { body: { idToken: token } });
  expect(res.status).toBe(200);
  expect(res.body.registration.status).toBe('REGISTERED');
  await expectEventually(async () => expect((await api('GET', `/switches/${name}/license/status`, { accept: 'text/plain' })).text).toContain('  Status: AUTHORIZED on '), {
    timeoutMs: 20_000,
    intervalMs: 200,
  });
}

it('method 2: registers and authorizes through an HTTP proxy (CONNECT)', async () => {
  const cssm = licenseServer(stack);
  await cssm.setUp('Default', 10);
  const callhome = {
    enabled: true,
    emailContact: 'noc@example.com',
    destinationUrl: `${stack.cssmUrl}/its/service/oddce/services/DDCEService`,
    transportMethod: 'http',
    vrf: 'management',
    proxy: { host: proxy.host, port: proxy.port, enabled: true },
  };
  await registerAndExpectAuthorized('via-proxy', await cssm.token('Default'), { callhome });
  expect(proxy.connections).toBeGreaterThan(0);
});

it('method 3: registers and authorizes with an On-Prem license server', async () => {
  const url = `https://127.0.0.1:${onpremPort}`;
  const server = licenseServer(stack, url, 'onprem');
  await server.setUp('Default', 10);
  const pem = readFileSync(join(stack.env.FLEETLIC_STATE_DIR, `${stack.namespace}-onprem-ca-current.pem`), 'utf8');
  const callhome = { enabled: true, emailContact: 'noc@example.com', destinationUrl: `${url}/Transportgateway/services/DeviceRequestHandler`, transportMethod: 'http', vrf: 'management' };
  const network = { interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }], nameServers: {}, hosts: {}, trustAnchors: ['current', pem] };
  await registerAndExpectAuthorized('via-onprem', await server.token('Default'), { callhome, network });
});
