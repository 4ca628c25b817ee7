import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envSchema } from '@fleetlic/contracts';
import { dockerAvailable } from './docker-available';
import { expectEventually } from './expect-eventually';
import { freePort } from './free-port';
import { ServiceProcess } from './service-process';
import { composeStackEnv, generateApiKeys } from './stack-env';
import { uniqueNamespace } from './unique-namespace';

describe('freePort', () => {
  it('returns distinct ports that can be bound', async () => {
    const [a, b] = await Promise.all([freePort(), freePort()]);
    expect(a).toBeGreaterThan(0);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(a, '127.0.0.1', resolve));
    server.close();
    expect(b).not.toBe(0);
  });
});

describe('expectEventually', () => {
  it('returns as soon as the assertion holds', async () => {
    let calls = 0;
    const value = await expectEventually(() => {
      calls++;
      expect(calls).toBe(3);
      return 'done';
    }, { intervalMs: 1 });
    expect(value).toBe('done');
  });

  it('rethrows the last assertion error after the deadline', async () => {
    let n = 0;
    await expect(expectEventually(() => expect(++n).toBe(-1), { timeoutMs: 50, intervalMs: 5 })).rejects.toThrow(/expected \d+ to be -1/);
  });
});

describe('uniqueNamespace', () => {
  it('is a valid FLEETLIC_NAMESPACE and differs each call', () => {
    const a = uniqueNamespace('Sys-Test');
    expect(a).toMatch(/^[a-z][a-z0-9_]{0,30}$/);
    expect(a.startsWith('sys_test')).toBe(true);
    expect(uniqueNamespace()).not.toBe(uniqueNamespace());
  });
});

describe('composeStackEnv', () => {
  const keys = generateApiKeys();
  const env = composeStackEnv({
    base: { PATH: '/bin', FLEETLIC_NAMESPACE: 'leak', OTEL_TRACES_EXPORTER: 'otlp' },
    namespace: 'sys1',
    databaseUrl: 'postgres://postgres@127.0.0.1:5432/fleetlic',
    natsUrl: 'nats://127.0.0.1:4222',
    ports: { gateway: 3001, cssmHttps: 8444, cssmHttp: 8081 },
    dir: '/tmp/stack',
    keys,
    overrides: { FLEETLIC_CLOCK: 'simulated' },
  });

  it('gives the stack its own namespace, ports, files and keys, and passes the env schema', () => {
    expect(env).toMatchObject({
      PATH: '/bin',
      FLEETLIC_NAMESPACE: 'sys1',
      FLEETLIC_GATEWAY_PORT: '3001',
      FLEETLIC_CSSM_URL: 'https://127.0.0.1:8444',
      FLEETLIC_TRACE_FILE: '/tmp/stack/spans.jsonl',
      FLEETLIC_STATE_DIR: '/tmp/stack/state',
      FLEETLIC_API_KEYS: `viewer:${keys.viewer},operator:${keys.operator},admin:${keys.admin}`,
      FLEETLIC_CLOCK: 'simulated',
      OTEL_TRACES_EXPORTER: 'none',
    });
    expect(envSchema.safeParse(env).success).toBe(true);
  });
});

describe('dockerAvailable', () => {
  it('is false when no engine answers on the socket', async () => {
    expect(await dockerAvailable({ DOCKER_HOST: 'unix:///nonexistent/docker.sock' })).toBe(false);
  });
});

describe('ServiceProcess', () => {
  it('captures output to its log file and stops a running child', async () => {
    const logFile = join(mkdtempSync(join(tmpdir(), 'svc-')), 'x.log');
    const proc = new ServiceProcess('x', ['-e', "console.log('up'); console.error('warn'); setInterval(() => {}, 1000)"], { cwd: process.cwd(), env: { PATH: process.env.PATH ?? '' }, logFile });
    proc.start();
    await expectEventually(() => expect(proc.logs()).toMatch(/up\n[\s\S]*warn|warn\n[\s\S]*up/));
    expect(proc.exitCode).toBeNull();
    await proc.stop();
    expect(proc.exitCode).not.toBeNull();
  });
});
