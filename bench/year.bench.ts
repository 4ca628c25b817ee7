import { measureBaselines } from './baselines';
import { printBaselines } from './baselines-table';
import { benchArgs } from './bench-args';
import { openTarget, START_TIME, type BenchTarget } from './bench-stack';
import { printTable } from './bench-table';
import { emptySizes, printFootprint } from './footprint';
import { cpuRows, readCpu } from './cpu-usage';
import { onboardFleet, onboardRows } from './onboard-fleet';
import { PgStats } from './pg-stats';

const DAY = 86_400_000;
/** Authorization renews every 30 days, the ID certificate at +180 and +360 days (SPEC §6, §7). */
const AUTH_DAYS = Array.from({ length: 12 }, (_, i) => (i + 1) * 30);
const CERT_DAYS = [180, 360];

/**
 * `npm run bench -- year [--switches 2000]`: onboards N switches on the simulated clock (all at
 * START_TIME), advances it 365 days through `POST /clock/advance`, and checks from the agent's
 * event table that every switch renewed its authorization at exactly +30·k days and its ID
 * certificate at exactly +180 and +360 days, with no failure. Prints flows/s and the wall time.
 */
async function main() {
  const args = benchArgs();
  const target = await openTarget({ FLEETLIC_CLOCK: 'simulated', FLEETLIC_START_TIME: START_TIME });
  const pg = await PgStats.open(target.databaseUrl);
  try {
    const baselines = await measureBaselines(target.databaseUrl, target.natsUrl);
    console.log(`onboarding ${args.switches} switches`);
    const empty = await emptySizes(target, pg);
    const onboard = await onboardFleet(target, pg, args.switches, args.concurrency);
    console.log('advancing the simulated clock by 365 days');
    const tx0 = await pg.xactCommit();
    const cpu0 = readCpu(target.pids());
    const started = Date.now();
    await advance(target, 'P365D');
    const seconds = (Date.now() - started) / 1000;
    const tx = (await pg.xactCommit()) - tx0;
    const cpu1 = readCpu(target.pids());
    const check = await checkInstants(pg, target.namespace);
    const flows = check.authRenewals + check.certRenewals;
    printBaselines(baselines);
    printTable('Onboarding (before the year)', onboardRows(onboard, baselines.pgUpdateTxPerSec));
    printTable('A simulated year', [
      ['switches (N)', args.switches],
      ['wall time s', seconds],
      ['flows (renewals + certificate renewals)', flows],
      ['flows/s', flows / seconds],
      ['PostgreSQL tx per flow', tx / flows],
      ...cpuRows(cpu0, cpu1, flows, 'flow'),
      ['authorization renewals at +30·k days (expected 12·N)', `${check.authRenewals} (${check.authRenewals === 12 * args.switches ? 'ok' : 'MISSING'})`],
      ['ID certificate renewals at +180/+360 days (expected 2·N)', `${check.certRenewals} (${check.certRenewals === 2 * args.switches ? 'ok' : 'MISSING'})`],
      ['renewal events off their exact instant', check.offInstant],
      ['failure events (FAILED, EXPIRED, OUT_OF_COMPLIANCE)', check.failures],
      ['projected wall time at 100,000 switches, min (target < 30)', ((seconds / args.switches) * 100_000) / 60],
    ]);
    await printFootprint(target, pg, args.switches, 'Footprint after onboarding and a simulated year', empty);
    if (check.authRenewals !== 12 * args.switches || check.certRenewals !== 2 * args.switches || check.offInstant || check.failures) process.exitCode = 1;
  } finally {
    await pg.close();
    await target.stop();
  }
}

/** `?wait=false` gives a job at once (a year at 100,000 switches outlasts any HTTP timeout); polled to its end. */
async function advance(t: BenchTarget, by: string): Promise<void> {
  const res = await t.api('POST', '/clock/advance?wait=false', { by });
  if (res.status !== 202) throw new Error(`POST /clock/advance: ${res.status} ${JSON.stringify(res.body)}`);
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1_000));
    const job = await t.api('GET', `/jobs/${res.body.jobId}`);
    if (job.body.state === 'failed') throw new Error(`clock advance failed: ${JSON.stringify(job.body.errors)}`);
    if (job.body.state === 'done') return;
    const day = Math.floor(job.body.done / 86_400);
    if (day !== last && day % 30 === 0) console.log(`  simulated day ${day}`);
    last = day;
  }
}

/** Renewal events by name and instant, against the exact instants every switch owes. */
async function checkInstants(pg: PgStats, ns: string) {
  const t0 = Date.parse(START_TIME);
  const rows = await pg.query<{ name: string; at: Date; n: string }>(
    `SELECT name, at, count(*) AS n FROM "${ns}_agent".switch_event
      WHERE at > $1 AND (name LIKE '%AUTH_RENEW_SUCCESS' OR name LIKE '%ID_CERT_RENEW_SUCCESS' OR name ~ '(FAILED|EXPIRED|OUT_OF_COMPLIANCE)')
      GROUP BY name, at`,
    [new Date(t0)],
  );
  const authAt = new Set(AUTH_DAYS.map((d) => t0 + d * DAY));
  const certAt = new Set(CERT_DAYS.map((d) => t0 + d * DAY));
  let authRenewals = 0;
  let certRenewals = 0;
  let offInstant = 0;
  let failures = 0;
  for (const r of rows) {
    const count = Number(r.n);
    const at = r.at.getTime();
    if (/(FAILED|EXPIRED|OUT_OF_COMPLIANCE)/.test(r.name)) failures += count;
    else if (!(r.name.endsWith('ID_CERT_RENEW_SUCCESS') ? certAt : authAt).has(at)) offInstant += count;
    else if (r.name.endsWith('ID_CERT_RENEW_SUCCESS')) certRenewals += count;
    else authRenewals += count;
  }
  return { authRenewals, certRenewals, offInstant, failures };
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
