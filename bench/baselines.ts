import { connect } from '@nats-io/transport-node';
import type { Msg } from '@nats-io/nats-core';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Client, Pool } from 'pg';

/**
 * The bounds every benchmark is compared with, measured on this machine in the same run:
 * PostgreSQL's rate for a single-row update transaction, NATS request/reply and JetStream
 * publish rates from Node.
 */
export interface Baselines {
  pgUpdateTxPerSec: number;
  natsRequestReplyPerSec: number;
  jetstreamPublishPerSec: number;
}

export async function measurePgUpdateRate(databaseUrl: string, seconds = 3, clients = 8): Promise<number> {
  const table = `bench_baseline_${process.pid}`;
  const setup = new Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query(`CREATE UNLOGGED TABLE IF NOT EXISTS ${table} (id int PRIMARY KEY, n bigint NOT NULL)`);
  await setup.query(`TRUNCATE ${table}`);
  await setup.query(`INSERT INTO ${table} SELECT g, 0 FROM generate_series(1, 10000) g`);
  // Logged like the product's tables: the rate of a durable single-row update transaction.
  await setup.query(`ALTER TABLE ${table} SET LOGGED`);
  const pool = new Pool({ connectionString: databaseUrl, max: clients });
  let count = 0;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      const client = await pool.connect();
      let id = worker * 1000;
      while (Date.now() < deadline) {
        await client.query('BEGIN');
        await client.query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, [(id++ % 10000) + 1]);
        await client.query('COMMIT');
        count++;
      }
      client.release();
    }),
  );
  await pool.end();
  await setup.query(`DROP TABLE ${table}`);
  await setup.end();
  return count / seconds;
}

export async function measureNatsRates(natsUrl: string, seconds = 2): Promise<{ requestReply: number; jsPublish: number }> {
  const nc = await connect({ servers: natsUrl });
  const subject = `bench.baseline.${process.pid}`;
  const sub = nc.subscribe(subject, { callback: (_err: Error | null, msg: Msg) => msg.respond(msg.data) });
  let requests = 0;
  let deadline = Date.now() + seconds * 1000;
  // 32 requests in flight, like a pool of agent workers.
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (Date.now() < deadline) {
        await nc.request(subject, 'x', { timeout: 5000 });
        requests++;
      }
    }),
  );
  sub.unsubscribe();

  const jsm = await jetstreamManager(nc);
  const stream = `BENCH_BASELINE_${process.pid}`;
  await jsm.streams.add({ name: stream, subjects: [`${subject}.js`], storage: 'file' as never });
  const js = jetstream(nc);
  let published = 0;
  deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (Date.now() < deadline) {
        await js.publish(`${subject}.js`, 'x');
        published++;
      }
    }),
  );
  await jsm.streams.delete(stream);
  await nc.drain();
  return { requestReply: requests / seconds, jsPublish: published / seconds };
}

export async function measureBaselines(databaseUrl: string, natsUrl: string): Promise<Baselines> {
  const pgUpdateTxPerSec = await measurePgUpdateRate(databaseUrl);
  const nats = await measureNatsRates(natsUrl);
  return { pgUpdateTxPerSec, natsRequestReplyPerSec: nats.requestReply, jetstreamPublishPerSec: nats.jsPublish };
}
