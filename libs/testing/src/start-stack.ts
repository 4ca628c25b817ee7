import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { z } from 'zod';
import { subjects } from '@fleetlic/contracts';
import { Messaging } from '@fleetlic/messaging';
import { ensureDatabase } from '@fleetlic/persistence';
import type { SpanLine } from '@fleetlic/telemetry';
import { freePort } from './free-port';
import { probeHttp } from './readiness';
import { repoRoot } from './repo-root';
import { resolveInfra } from './resolve-infra';
import { ServiceProcess } from './service-process';
import { composeStackEnv, generateApiKeys, STACK_SERVICES, type ApiKeys, type StackService } from './stack-env';
import { uniqueNamespace } from './unique-namespace';

/** An additional process (e.g. a second license server instance) started with the stack's env. */
export interface ExtraProcess {
  name: string;
  /** Script path relative to the repo root, e.g. dist/apps/cssm-server/src/main.js. */
  script: string;
  env?: Record<string, string>;
  /** How to know it is up: a NATS health service name or an HTTP(S) URL answering 200. */
  ready?: { natsHealth: string } | { url: string };
  /** A migrate script (relative to the repo root) run with the process's env before any process starts, e.g. dist/apps/cssm-server/src/migrate.js for a second license server's own schema. */
  migrate?: string;
}

export interface StackOptions {
  namespace?: string;
  env?: Record<string, string>;
  services?: readonly StackService[];
  extra?: ExtraProcess[];
  readyTimeoutMs?: number;
  /** Private servers instead of the shared ones (restart tests kill their own NATS or PostgreSQL). */
  infra?: { natsUrl?: string; databaseUrl?: string };
  /** Where the built services are (default: this checkout); e.g. a production-only install. */
  root?: string;
}

export interface Stack {
  gatewayUrl: string;
  cssmUrl: string;
  keys: ApiKeys;
  namespace: string;
  /** Temp directory of the stack: logs/, state/, spans.jsonl. */
  dir: string;
  /** The environment the processes got (for CLI runs against the stack). */
  env: Record<string, string>;
  /** Every span every process has ended so far. */
  readSpans(): SpanLine[];
  stop(): Promise<void>;
  restart(service: string): Promise<void>;
  /** `kill -9` of one service (no shutdown hooks); `restart` brings it back. */
  kill(service: string): Promise<void>;
  /** Resolves once the service answers its readiness check (or throws at the deadline). */
  waitReady(service: string): Promise<void>;
  logs(service: string): string;
  /** The process id of each running service (benchmarks read its RSS from /proc). */
  pids(): Record<string, number>;
  /** Prints every process's output (call when a test failed). */
  dumpLogs(): void;
}

/**
 * Starts the built services (`npm run build` first) as processes with a private namespace,
 * schemas, ports, state directory and trace file: runs migrations, spawns each service under the
 * telemetry preload and waits until each answers its health check.
 */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const root = opts.root ?? repoRoot();
  const namespace = opts.namespace ?? uniqueNamespace('sys');
  const services = opts.services ?? STACK_SERVICES;
  const resolved = await resolveInfra();
  const databaseUrl = opts.infra?.databaseUrl ?? resolved.databaseUrl;
  const natsUrl = opts.infra?.natsUrl ?? resolved.natsUrl;
  const dir = mkdtempSync(join(tmpdir(), `fleetlic-${namespace}-`));
  mkdirSync(join(dir, 'state'));
  mkdirSync(join(dir, 'logs'));
  const ports = { gateway: await freePort(), cssmHttps: await freePort(), cssmHttp: await freePort() };
  const keys = generateApiKeys();
  const env = composeStackEnv({ base: process.env, namespace, databaseUrl, natsUrl, ports, dir, keys, overrides: opts.env });
  const preload = join(root, 'dist/libs/telemetry/src/preload.js');
  if (!existsSync(preload)) throw new Error(`${preload} is missing: run \`npm run build\` before system tests`);

  const harness = await Messaging.connect({ url: natsUrl, namespace, name: 'stack-harness' });
  const processes = new Map<string, { proc: ServiceProcess; ready: () => Promise<void> }>();
  const logFile = (name: string) => join(dir, 'logs', `${name}.log`);

  const define = (name: string, script: string, extraEnv: Record<string, string>, ready: () => Promise<void>) => {
    const proc = new ServiceProcess(name, ['--max-semi-space-size=8', '--require', preload, join(root, script)], { cwd: root, env: { ...env, OTEL_SERVICE_NAME: name, ...extraEnv }, logFile: logFile(name) });
    processes.set(name, { proc, ready });
  };
  const natsReady = (service: string) => async () => void (await harness.request(subjects(namespace).health(service), {}, { schema: z.unknown(), timeoutMs: 1_000 }));
  const httpReady = (url: string) => async () => {
    const status = await probeHttp(url);
    if (status !== 200) throw new Error(`GET ${url} answered ${status}`);
  };
  const gatewayUrl = `http://127.0.0.1:${ports.gateway}`;
  const cssmUrl = env.FLEETLIC_CSSM_URL;
  for (const svc of services) {
    const ready = svc === 'device-gateway' ? httpReady(`${gatewayUrl}/health`) : svc === 'cssm-server' ? httpReady(`${cssmUrl}/health`) : natsReady(svc);
    define(svc, `dist/apps/${svc}/src/main.js`, {}, ready);
  }
  for (const x of opts.extra ?? []) {
    const ready = !x.ready ? async () => undefined : 'url' in x.ready ? httpReady(x.ready.url) : natsReady(x.ready.natsHealth);
    define(x.name, x.script, x.env ?? {}, ready);
  }

  const waitReady = async (name: string) => {
    const { proc, ready } = processes.get(name)!;
    const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
    for (;;) {
      // A crash during start-up fails at once instead of waiting out the deadline.
      if (proc.exitCode !== null) throw new Error(`${name} exited with code ${proc.exitCode} during start-up`);
      try {
        return await ready();
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`${name} not ready in time: ${String(err)}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const dumpLogs = () => {
    for (const [name, { proc }] of processes) console.error(`----- ${name} (${logFile(name)}) -----\n${proc.logs()}`);
  };
  const stop = async () => {
    await Promise.all([...processes.values()].map(({ proc }) => proc.stop()));
    await dropNamespace(databaseUrl, harness, namespace);
    await harness.close();
  };

  try {
    await ensureDatabase(databaseUrl);
    await runMigrations(root, services, env, dir);
    for (const x of opts.extra ?? []) if (x.migrate) await runMigration(`${x.name}-migrate`, join(root, x.migrate), root, { ...env, ...(x.env ?? {}) }, dir);
    for (const { proc } of processes.values()) proc.start();
    await Promise.all([...processes.keys()].map(waitReady));
  } catch (err) {
    dumpLogs();
    await stop().catch(() => undefined);
    throw err;
  }

  return {
    gatewayUrl,
    cssmUrl,
    keys,
    namespace,
    dir,
    env,
    readSpans: () => readSpanFile(env.FLEETLIC_TRACE_FILE),
    stop,
    dumpLogs,
    logs: (service) => processes.get(service)?.proc.logs() ?? '',
    pids: () => Object.fromEntries([...processes].flatMap(([name, { proc }]) => (proc.pid !== undefined && proc.exitCode === null ? [[name, proc.pid]] : []))),
    kill: async (service) => {
      const p = processes.get(service);
      if (!p) throw new Error(`no process ${service} in this stack`);
      await p.proc.kill();
    },
    waitReady,
    restart: async (service) => {
      const p = processes.get(service);
      if (!p) throw new Error(`no process ${service} in this stack`);
      await p.proc.stop();
      p.proc.start();
      await waitReady(service);
    },
  };
}

/** Each service's migrate entry, when it has one, one after the other (they share a database). */
async function runMigrations(root: string, services: readonly string[], env: Record<string, string>, dir: string): Promise<void> {
  for (const svc of services) {
    const script = join(root, `dist/apps/${svc}/src/migrate.js`);
    if (!existsSync(script)) continue;
    await runMigration(`${svc}-migrate`, script, root, env, dir);
  }
}

async function runMigration(name: string, script: string, root: string, env: Record<string, string>, dir: string): Promise<void> {
  const proc = new ServiceProcess(name, [script], { cwd: root, env, logFile: join(dir, 'logs', `${name}.log`) });
  proc.start();
  const code = await proc.finished();
  if (code !== 0) throw new Error(`${name} failed (exit ${code}):\n${proc.logs()}`);
}

/** Drops the namespace's schemas, streams and clock bucket so the database and NATS stay clean. */
async function dropNamespace(databaseUrl: string, harness: Messaging, namespace: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE nspname LIKE $1`, [`${namespace.replace(/_/g, '\\_')}\\_%`]);
    for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
  } finally {
    await client.end();
  }
  const s = subjects(namespace);
  for (const stream of [...Object.values(s.streams), `KV_${s.clockBucket}`]) await harness.jsm.streams.delete(stream).catch(() => undefined);
}

function readSpanFile(path: string): SpanLine[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as SpanLine];
      } catch {
        return []; // a line being appended right now
      }
    });
}
