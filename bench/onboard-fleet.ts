import { percentile } from './bench-table';
import type { BenchTarget } from './bench-stack';
import type { PgStats } from './pg-stats';
import { progress, runPool } from './pool';
import { cpuRows, readCpu, type CpuReading } from './cpu-usage';

export interface OnboardFigures {
  n: number;
  createSeconds: number;
  registerSeconds: number;
  /** Per switch, ms from the register command to its AUTHORIZED status (wait=true answer). */
  latencies: number[];
  createTx: number;
  registerTx: number;
  notAuthorized: number;
  /** CPU readings before and after both phases. */
  cpu: [CpuReading, CpuReading];
}

export const switchName = (i: number) => `bench-${String(i).padStart(7, '0')}`;

/**
 * Adds N switches (concurrent `POST /switches`, then the license in use with
 * `PUT …/license/usage?wait=true`), then registers every one with
 * `POST …/license/register?wait=true` (the answer is the status after the agent committed the
 * step: register, then authorize, through adapter, HTTPS and license server). Counts the
 * database's committed transactions around each phase.
 */
export async function onboardFleet(t: BenchTarget, pg: PgStats, n: number, concurrency: number): Promise<OnboardFigures> {
  const token = await t.idToken(n);
  const indexes = Array.from({ length: n }, (_, i) => i);

  const tx0 = await pg.xactCommit();
  const cpu0 = readCpu(t.pids());
  let started = Date.now();
  const created = progress('created', n);
  await runPool(indexes, concurrency, async (i) => {
    const res = await t.api('POST', '/switches', { name: switchName(i), pid: 'N9K-C93180YC-FX', serialNumber: `BNC${String(i).padStart(8, '0')}`, nxosVersion: '9.3(5)' });
    if (res.status !== 201) throw new Error(`POST /switches ${switchName(i)}: ${res.status} ${JSON.stringify(res.body)}`);
    // A switch without licenses in use is never AUTHORIZED ("NO LICENSES IN USE"): one in use, as on a real switch.
    const usage = await t.api('PUT', `/switches/${switchName(i)}/license/usage?wait=true`, { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] });
    if (usage.status !== 200) throw new Error(`usage ${switchName(i)}: ${usage.status} ${JSON.stringify(usage.body)}`);
    created();
  });
  const createSeconds = (Date.now() - started) / 1000;
  const tx1 = await pg.xactCommit();

  const latencies: number[] = [];
  let notAuthorized = 0;
  const registered = progress('registered', n);
  started = Date.now();
  await runPool(indexes, concurrency, async (i) => {
    const t0 = performance.now();
    const res = await t.api('POST', `/switches/${switchName(i)}/license/register?wait=true`, { idToken: token });
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`register ${switchName(i)}: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body?.authorization?.status !== 'AUTHORIZED') {
      if (++notAuthorized <= 3) console.warn(`  ${switchName(i)} not AUTHORIZED: ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    registered();
  });
  const registerSeconds = (Date.now() - started) / 1000;
  const cpu1 = readCpu(t.pids());
  const tx2 = await pg.xactCommit();
  latencies.sort((a, b) => a - b);
  return { n, createSeconds, registerSeconds, latencies, createTx: tx1 - tx0, registerTx: tx2 - tx1, notAuthorized, cpu: [cpu0, cpu1] };
}

export function onboardRows(f: OnboardFigures, pgUpdateTxPerSec: number): Array<[string, string | number]> {
  const rate = f.n / (f.createSeconds + f.registerSeconds);
  const txPerSwitch = (f.createTx + f.registerTx) / f.n;
  const bound = pgUpdateTxPerSec / txPerSwitch;
  return [
    ['switches (N)', f.n],
    ['add: switches/s (POST /switches + PUT usage)', f.n / f.createSeconds],
    ['register+authorize: switches/s', f.n / f.registerSeconds],
    ['onboarding end to end: switches/s', rate],
    ['command→AUTHORIZED p50 ms', percentile(f.latencies, 50)],
    ['command→AUTHORIZED p99 ms', percentile(f.latencies, 99)],
    ['not AUTHORIZED after register', f.notAuthorized],
    ['PostgreSQL tx per switch: add', f.createTx / f.n],
    ['PostgreSQL tx per switch: register', f.registerTx / f.n],
    ['PostgreSQL tx per switch: total', txPerSwitch],
    ['bound: pg update tx/s ÷ tx per switch', bound],
    ['ratio: switches/s ÷ bound (target ≥ 0.40)', (rate / bound).toFixed(2)],
    ['target ≥ 500 switches/s met', rate >= 500 ? 'yes' : 'no'],
    ...cpuRows(f.cpu[0], f.cpu[1], f.n, 'switch'),
  ];
}
