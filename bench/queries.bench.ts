import { measureBaselines } from './baselines';
import { printBaselines } from './baselines-table';
import { benchArgs } from './bench-args';
import { openTarget, START_TIME, type BenchTarget } from './bench-stack';
import { percentile, printTable } from './bench-table';
import { cloneFleet } from './clone-fleet';
import { onboardFleet, switchName } from './onboard-fleet';
import { PgStats } from './pg-stats';

interface Route {
  label: string;
  path: (i: number) => string;
}

const ROUTES: Route[] = [
  { label: 'GET /switches/{name}/license/status', path: (i) => `/switches/${switchName(i)}/license/status` },
  { label: 'GET /fleet/summary', path: () => '/fleet/summary' },
  { label: 'GET /switches?registration=REGISTERED&authorization=AUTHORIZED&limit=100', path: () => '/switches?registration=REGISTERED&authorization=AUTHORIZED&limit=100' },
];

/**
 * `npm run bench -- queries [--switches 2000] [--rate 200] [--seconds 20]`: onboards N switches,
 * then sends the three reads round-robin at a fixed total rate (open loop: a request starts
 * on its schedule whether or not the previous ones answered, and its latency counts from that
 * scheduled instant, so a stall is not hidden). Prints p50/p99 per route.
 */
async function main() {
  const args = benchArgs();
  const target = await openTarget({ FLEETLIC_CLOCK: 'simulated', FLEETLIC_START_TIME: START_TIME });
  const pg = await PgStats.open(target.databaseUrl);
  try {
    const baselines = await measureBaselines(target.databaseUrl, target.natsUrl);
    // `--onboard M` (< N): M switches end to end, then copies in SQL up to N (see clone-fleet.ts).
    const onboarded = Math.min(args.onboard ?? args.switches, args.switches);
    console.log(`onboarding ${onboarded} switches${onboarded < args.switches ? `, then copying to ${args.switches}` : ''}`);
    await onboardFleet(target, pg, onboarded, args.concurrency);
    if (onboarded < args.switches) await cloneFleet(target.databaseUrl, target.namespace, switchName(0), onboarded, args.switches);
    console.log(`reading at ${args.rate} requests/s for ${args.seconds} s`);
    const results = await openLoop(target, args.switches, args.rate, args.seconds);
    printBaselines(baselines);
    const rows: Array<[string, string | number]> = [
      ['switches (N)', args.switches],
      ['of which onboarded end to end (the rest copied in SQL)', onboarded],
      ['offered rate req/s', args.rate],
      ['achieved rate req/s', results.completed / results.seconds],
    ];
    for (const r of ROUTES) {
      const lat = results.latencies.get(r.label)!.sort((a, b) => a - b);
      rows.push([`${r.label} p50 ms`, percentile(lat, 50)], [`${r.label} p99 ms`, percentile(lat, 99)]);
      const errors = results.errors.get(r.label) ?? 0;
      if (errors) rows.push([`${r.label} errors`, errors]);
    }
    printTable('Reads under load (target p99 < 50 ms)', rows);
  } finally {
    await pg.close();
    await target.stop();
  }
}

async function openLoop(t: BenchTarget, n: number, rate: number, seconds: number) {
  const latencies = new Map(ROUTES.map((r) => [r.label, [] as number[]]));
  const errors = new Map<string, number>();
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  let completed = 0;
  for (let k = 0; k < total; k++) {
    const due = started + k * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const route = ROUTES[k % ROUTES.length];
    inflight.push(
      t.api('GET', route.path(Math.floor(Math.random() * n))).then(
        (res) => {
          latencies.get(route.label)!.push(performance.now() - due);
          if (res.status !== 200) errors.set(route.label, (errors.get(route.label) ?? 0) + 1);
          completed++;
        },
        () => void errors.set(route.label, (errors.get(route.label) ?? 0) + 1),
      ),
    );
  }
  await Promise.all(inflight);
  return { latencies, errors, completed, seconds: (performance.now() - started) / 1000 };
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
