import { PgBoss } from 'pg-boss';
import { subjects, wakeSchema } from '@fleetlic/contracts';
import { RealClock } from '@fleetlic/clock';
import { Messaging } from '@fleetlic/messaging';
import { ensureDatabase, runMigrations } from '@fleetlic/persistence';
import { uniqueNamespace } from '@fleetlic/testing';
import { WakeFireLoop } from '../apps/scheduler/src/firing/wake-fire.loop';
import { dataSourceFor } from '../apps/scheduler/src/persistence/scheduler.data-source';
import { WakeupStore } from '../apps/scheduler/src/persistence/wakeup.store';
import { measureBaselines } from './baselines';
import { printBaselines } from './baselines-table';
import { benchArgs } from './bench-args';
import { printTable } from './bench-table';
import { PgStats } from './pg-stats';

/** Rows per claim round, the scheduler's default; pg-boss fetches the same number per batch. */
const BATCH = 1_000;
/** The scheduler's own pool size; pg-boss gets the same. */
const POOL = 8;

/**
 * `npm run bench -- scheduler [--jobs 20000]`: N wake-ups due now, claimed and delivered by the
 * scheduler's own store and fire loop (claim FOR UPDATE SKIP LOCKED, publish to JetStream,
 * delete) to a JetStream consumer that acks each; then N pg-boss jobs on the same PostgreSQL,
 * fetched in batches of the same size and completed by a worker. Inserting is not timed.
 */
async function main() {
  const { jobs: n } = benchArgs();
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetlic_bench';
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  await ensureDatabase(databaseUrl);
  const baselines = await measureBaselines(databaseUrl, natsUrl);
  const namespace = uniqueNamespace('benchsch');
  const pg = await PgStats.open(databaseUrl);
  try {
    const ours = await fleetlicScheduler(databaseUrl, natsUrl, namespace, n, pg);
    const boss = await pgBoss(databaseUrl, `${namespace}_pgboss`, n, pg);
    printBaselines(baselines);
    printTable(`Wake-ups claimed and delivered (N = ${n}, batch ${BATCH}, pool ${POOL})`, [
      ['fleetlic scheduler: wake-ups/s', ours.rate],
      ['fleetlic scheduler: seconds', ours.seconds],
      ['fleetlic scheduler: seconds until all claimed, published, deleted', ours.published],
      ['fleetlic scheduler: PostgreSQL tx per 1000 wake-ups', (ours.tx / n) * 1000],
      ['pg-boss: jobs/s', boss.rate],
      ['pg-boss: seconds', boss.seconds],
      ['pg-boss: PostgreSQL tx per 1000 jobs', (boss.tx / n) * 1000],
      ['ratio fleetlic ÷ pg-boss (target ≥ 2)', (ours.rate / boss.rate).toFixed(2)],
      ['fleetlic ÷ JetStream publish baseline', (ours.rate / baselines.jetstreamPublishPerSec).toFixed(2)],
    ]);
  } finally {
    await pg.query(`DROP SCHEMA IF EXISTS "${namespace}_scheduler" CASCADE`);
    await pg.query(`DROP SCHEMA IF EXISTS "${namespace}_pgboss" CASCADE`);
    await pg.close();
  }
}

async function fleetlicScheduler(databaseUrl: string, natsUrl: string, namespace: string, n: number, pg: PgStats) {
  const ds = dataSourceFor({ DATABASE_URL: databaseUrl, FLEETLIC_NAMESPACE: namespace });
  await ds.initialize();
  await runMigrations(ds);
  const m = await Messaging.connect({ url: natsUrl, namespace, name: 'bench-scheduler' });
  const s = subjects(namespace);
  await m.ensureStreams();
  const store = new WakeupStore(ds);
  const at = Date.now() - 1_000;
  for (let i = 0; i < n; i += 5_000) {
    await store.apply(Array.from({ length: Math.min(5_000, n - i) }, (_, j) => ({ owner: `bench.${i + j}`, key: 'next', at })));
  }
  await ds.query('ANALYZE wakeup');

  let delivered = 0;
  let allDelivered!: () => void;
  const done = new Promise<void>((r) => (allDelivered = r));
  const consumer = m.consume({
    stream: s.streams.wakes,
    durable: 'bench-wakes',
    filterSubjects: [s.wake('bench.>')],
    schema: wakeSchema,
    concurrency: BATCH,
    handler: async () => {
      if (++delivered === n) allDelivered();
    },
  });
  await consumer.ready;
  const clock = new RealClock();
  const loop = new WakeFireLoop(store, m, clock, { batchSize: BATCH, pollMs: 3_600_000 });
  const tx0 = await pg.xactCommit();
  const started = performance.now();
  await loop.drain();
  const published = (performance.now() - started) / 1000;
  await done;
  const seconds = (performance.now() - started) / 1000;
  const tx = (await pg.xactCommit()) - tx0;
  await loop.stop();
  await consumer.stop();
  const left = await store.countDue(Date.now());
  if (left) throw new Error(`${left} wake-ups left undelivered`);
  for (const stream of Object.values(s.streams)) await m.jsm.streams.delete(stream).catch(() => undefined);
  await m.close();
  await ds.destroy();
  return { rate: n / seconds, seconds, tx, published };
}

async function pgBoss(databaseUrl: string, schema: string, n: number, pg: PgStats) {
  const boss = new PgBoss({ connectionString: databaseUrl, schema, max: POOL, supervise: false, schedule: false });
  boss.on('error', (err) => console.error('pg-boss:', err));
  await boss.start();
  await boss.createQueue('bench');
  for (let i = 0; i < n; i += 5_000) {
    await boss.insert('bench', Array.from({ length: Math.min(5_000, n - i) }, (_, j) => ({ data: { owner: `bench.${i + j}`, key: 'next' } })));
  }
  let delivered = 0;
  let allDelivered!: () => void;
  const done = new Promise<void>((r) => (allDelivered = r));
  const tx0 = await pg.xactCommit();
  const started = performance.now();
  // Completion is pg-boss's ack: the handler resolving completes the whole batch.
  await boss.work('bench', { batchSize: BATCH, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    delivered += jobs.length;
    if (delivered >= n) allDelivered();
  });
  await done;
  // The last batch is completed after its handler resolved: wait for that too.
  for (;;) {
    const [{ open }] = await pg.query<{ open: string }>(`SELECT count(*) AS open FROM "${schema}".job WHERE state <> 'completed'`);
    if (Number(open) === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const seconds = (performance.now() - started) / 1000;
  const tx = (await pg.xactCommit()) - tx0;
  await boss.stop({ graceful: true });
  return { rate: n / seconds, seconds, tx };
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
