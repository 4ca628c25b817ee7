import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startStack, type Stack } from '@fleetlic/testing';
import { SIMULATED_ENV } from './conformance.fixture';
import { expectFaultFreeOutcome, yearWithRestarts } from './support/fleet-year';

// Issue 11: a PRIVATE NATS server (the shared one must never be touched) is killed with SIGKILL
// mid-year and started again on the same JetStream store. Services must reconnect by themselves
// and their consumers resume; the year ends as a fault-free one. NATS_RESTARTS restarts,
// NATS_DOWN_MS each, on renewal days spread over the simulated year (`yearWithRestarts`).
const N = Number(process.env.NATS_RESTART_SWITCHES ?? 30);
const RESTARTS = Number(process.env.NATS_RESTARTS ?? 2);
const DOWN_MS = Number(process.env.NATS_DOWN_MS ?? 2_000);
const NATS_BIN = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';

let stack: Stack;
let nats: ChildProcess | undefined;
let port: number;
let store: string;

function startNats(): ChildProcess {
  return spawn(NATS_BIN, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store], { stdio: 'ignore' });
}
async function listening(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error('private nats-server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const available = existsSync(NATS_BIN);
beforeAll(async () => {
  if (!available) return;
  port = await freePort();
  store = mkdtempSync(join(tmpdir(), 'fleetlic-nats-'));
  nats = startNats();
  await listening();
  stack = await startStack({ env: { ...SIMULATED_ENV, FLEETLIC_LOG_LEVEL: 'warn' }, infra: { natsUrl: `nats://127.0.0.1:${port}` } });
});
afterAll(async () => {
  await stack?.stop().catch(() => undefined);
  nats?.kill('SIGKILL');
  if (store) rmSync(store, { recursive: true, force: true });
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

it.skipIf(!available)(`ends the year as a fault-free one for ${N} switches although NATS is killed ${RESTARTS} times`, async () => {
  const { year, restarts } = await yearWithRestarts(stack, N, RESTARTS, async () => {
    const old = nats!;
    const gone = new Promise((r) => old.once('exit', r));
    old.kill('SIGKILL');
    await gone;
    await new Promise((r) => setTimeout(r, DOWN_MS));
    nats = startNats();
    await listening();
  });
  const outcome = await expectFaultFreeOutcome(stack, N);
  console.log(`[nats restart] ${restarts.outages.length} restarts (simulated days ${JSON.stringify(restarts.days)}), back to healthy (incl. ${DOWN_MS} ms down) ${JSON.stringify(restarts.outages)} ms\n[nats restart] ${JSON.stringify(year)}\n[nats restart] outcome ${JSON.stringify(outcome)}`);
  expect(restarts.outages.length).toBe(RESTARTS);
  expect(Object.keys(stack.pids()).length).toBe(5); // nobody exited: they reconnected by themselves
  expect(outcome.duplicates).toBe(0);
  expect(outcome.scheduleViolations).toBe(0);
});
