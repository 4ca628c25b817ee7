import { measureBaselines } from './baselines';
import { benchArgs } from './bench-args';
import { openTarget, START_TIME } from './bench-stack';
import { printBaselines } from './baselines-table';
import { printTable } from './bench-table';
import { emptySizes, printFootprint } from './footprint';
import { onboardFleet, onboardRows } from './onboard-fleet';
import { PgStats } from './pg-stats';

/**
 * `npm run bench -- onboard [--switches 2000] [--concurrency 128]`: adds N switches and
 * registers and authorizes every one end to end through the gateway; prints switches/s,
 * command→AUTHORIZED latency, PostgreSQL transactions per switch, the footprint, and the
 * machine's baselines measured in the same run (with the stack idle).
 */
async function main() {
  const args = benchArgs();
  const target = await openTarget({ FLEETLIC_CLOCK: 'simulated', FLEETLIC_START_TIME: START_TIME });
  const pg = await PgStats.open(target.databaseUrl);
  try {
    const baselines = await measureBaselines(target.databaseUrl, target.natsUrl);
    console.log(`onboarding ${args.switches} switches, ${args.concurrency} requests in flight`);
    const empty = await emptySizes(target, pg);
    const figures = await onboardFleet(target, pg, args.switches, args.concurrency);
    printBaselines(baselines);
    printTable('Onboarding', onboardRows(figures, baselines.pgUpdateTxPerSec));
    await printFootprint(target, pg, args.switches, 'Footprint after onboarding', empty);
  } finally {
    await pg.close();
    await target.stop();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
