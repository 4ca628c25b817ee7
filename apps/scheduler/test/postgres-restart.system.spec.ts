import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, startStack, type Stack } from '@fleetlic/testing';
import { SIMULATED_ENV } from './conformance.fixture';
import { expectFaultFreeOutcome, yearWithRestarts } from './support/fleet-year';

// Issue 11: a PRIVATE PostgreSQL cluster (the shared one must never be touched) is stopped
// crash-like (`pg_ctl stop -m immediate`: no checkpoint, WAL replay at the next start) mid-year and
// started again on the same data directory. Durable settings (fsync on, synchronous commit): nothing
// committed may be lost. Services must reconnect by themselves and their consumers resume; the year
// ends as a fault-free one. PG_RESTARTS restarts, PG_DOWN_MS each, on renewal days spread over the
// simulated year (`yearWithRestarts`).
const N = Number(process.env.PG_RESTART_SWITCHES ?? 30);
const RESTARTS = Number(process.env.PG_RESTARTS ?? 2);
const DOWN_MS = Number(process.env.PG_DOWN_MS ?? 2_000);

/** The newest installed PostgreSQL's bin directory (`/usr/lib/postgresql/<major>/bin`), if any. */
function pgBin(): string | undefined {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'postgres'))).sort((a, b) => Number(b) - Number(a));
  return majors.length ? join(base, majors[0], 'bin') : undefined;
}
/** PostgreSQL refuses to run as root: initdb, postgres and pg_ctl run as the `postgres` OS user. */
function pgUser(): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

const bin = pgBin();
const user = pgUser();
const available = !!bin && !!user && ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(bin, b)));

let stack: Stack;
let pg: ChildProcess | undefined;
let port: number;
let dir: string;
let data: string;

function asPostgres(cmd: string, args: string[]): void {
  const r = spawnSync(join(bin!, cmd), args, { ...user!, cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
}
function startPostgres(): ChildProcess {
  const log = openSync(join(dir, 'postgres.log'), 'a');
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=on'];
  const child = spawn(join(bin!, 'postgres'), args, { ...user!, cwd: dir, stdio: ['ignore', log, log] });
  closeSync(log);
  return child;
}
async function acceptsConnections(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    const ok = await client.connect().then(() => client.query('SELECT 1').then(() => true), () => false).catch(() => false);
    await client.end().catch(() => undefined);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('private postgres did not accept connections');
    await new Promise((r) => setTimeout(r, 100));
  }
}
async function stopPostgres(mode: 'immediate' | 'fast'): Promise<void> {
  const old = pg;
  if (!old || old.exitCode !== null || old.signalCode !== null) return;
  const gone = new Promise((r) => old.once('exit', r));
  asPostgres('pg_ctl', ['stop', '-D', data, '-m', mode, '-w']);
  await gone;
}

beforeAll(async () => {
  if (!available) return;
  port = await freePort();
  dir = mkdtempSync(join(tmpdir(), 'fleetlic-pg-'));
  chownSync(dir, user!.uid, user!.gid);
  data = join(dir, 'data');
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  pg = startPostgres();
  await acceptsConnections();
  // startStack creates the `fleetlic` database (ensureDatabase) before the migrations.
  stack = await startStack({ env: { ...SIMULATED_ENV, FLEETLIC_LOG_LEVEL: 'warn' }, infra: { databaseUrl: `postgres://postgres@127.0.0.1:${port}/fleetlic` } });
});
afterAll(async () => {
  await stack?.stop().catch(() => undefined);
  await stopPostgres('fast').catch(() => pg?.kill('SIGKILL'));
  if (dir) rmSync(dir, { recursive: true, force: true });
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

it.skipIf(!available)(`ends the year as a fault-free one for ${N} switches although PostgreSQL is stopped crash-like ${RESTARTS} times`, async () => {
  const pidsBefore = stack.pids();
  const { year, restarts } = await yearWithRestarts(stack, N, RESTARTS, async () => {
    await stopPostgres('immediate');
    await new Promise((r) => setTimeout(r, DOWN_MS));
    pg = startPostgres();
    await acceptsConnections();
  });
  const outcome = await expectFaultFreeOutcome(stack, N);
  console.log(`[postgres restart] ${restarts.outages.length} restarts (simulated days ${JSON.stringify(restarts.days)}), back to healthy (incl. ${DOWN_MS} ms down) ${JSON.stringify(restarts.outages)} ms\n[postgres restart] ${JSON.stringify(year)}\n[postgres restart] outcome ${JSON.stringify(outcome)}`);
  expect(restarts.outages.length).toBe(RESTARTS);
  // Nobody exited, nobody was restarted: the same five processes reconnected by themselves.
  expect(stack.pids()).toEqual(pidsBefore);
  expect(Object.keys(stack.pids()).length).toBe(5);
  expect(outcome.duplicates).toBe(0);
  expect(outcome.scheduleViolations).toBe(0);
});
