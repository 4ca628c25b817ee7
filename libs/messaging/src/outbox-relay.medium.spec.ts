import { SpanKind, trace } from '@opentelemetry/api';
import { DataSource } from 'typeorm';
import { OUTBOX_TABLE_SQL } from '@fleetlic/persistence';
import { expectEventually, installInMemoryTracing, resolveInfra, uniqueNamespace } from '@fleetlic/testing';
import { withSpan } from '@fleetlic/telemetry';
import { Messaging } from './messaging';
import { OutboxRelay } from './outbox-relay';
import { traceHeaders } from './nats-headers';

const spans = installInMemoryTracing();
const ns = uniqueNamespace('outbox');
const schema = `${ns}_relay`;
const ROWS = 1_234;
let a: Messaging;
let b: Messaging;
const sources: DataSource[] = [];

async function dataSource(databaseUrl: string) {
  const ds = new DataSource({ type: 'postgres', url: databaseUrl, extra: { options: `-c search_path=${schema}` } });
  sources.push(await ds.initialize());
  return ds;
}

beforeAll(async () => {
  const { natsUrl } = await resolveInfra();
  a = await Messaging.connect({ url: natsUrl, namespace: ns, name: 'relay-a' });
  b = await Messaging.connect({ url: natsUrl, namespace: ns, name: 'relay-b' });
  await a.ensureStreams();
});

afterAll(async () => {
  for (const stream of Object.values(a.subjects.streams)) await a.jsm.streams.delete(stream).catch(() => undefined);
  await sources[0]?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await Promise.all(sources.map((s) => s.destroy()));
  await Promise.all([a.close(), b.close()]);
});

/** Every message of the events stream, in stream order. */
async function streamContents(m: Messaging, expected: number) {
  const consumer = await m.js.consumers.get(m.subjects.streams.events);
  const out: { n: number; msgId: string; traceparent: string }[] = [];
  const messages = await consumer.consume();
  for await (const msg of messages) {
    out.push({ n: msg.json<{ n: number }>().n, msgId: msg.headers?.get('Nats-Msg-Id') ?? '', traceparent: msg.headers?.get('traceparent') ?? '' });
    if (out.length >= expected) break;
  }
  await messages.close();
  return out;
}

it('two racing relays publish every row once, in id order, continuing the stored trace', async () => {
  const { databaseUrl } = await resolveInfra();
  const ds1 = await dataSource(databaseUrl);
  const ds2 = await dataSource(databaseUrl);
  await ds1.query(`CREATE SCHEMA ${schema}`);
  await ds1.query(OUTBOX_TABLE_SQL);

  // The deciding step's trace, as a service stores it with its outbox rows.
  const { headers, traceId } = await withSpan('decide', {}, async () => ({ headers: traceHeaders(Date.parse('2030-01-01T00:00:00Z')), traceId: trace.getActiveSpan()!.spanContext().traceId }));
  const values = Array.from({ length: ROWS }, (_, i) => i);
  await ds1.query(
    `INSERT INTO outbox (subject, payload, headers, msg_id)
     SELECT $1 || (n % 7), jsonb_build_object('n', n), $2::jsonb, 'evt-' || n FROM unnest($3::int[]) AS n ORDER BY n`,
    [`${ns}.evt.s`, JSON.stringify(headers), values],
  );

  const relays = [new OutboxRelay({ messaging: a, dataSource: ds1, batchSize: 100 }), new OutboxRelay({ messaging: b, dataSource: ds2, batchSize: 100 })];
  relays.forEach((r) => r.start());
  relays.forEach((r) => r.kick());
  await expectEventually(async () => expect((await ds1.query('SELECT count(*)::int AS c FROM outbox'))[0].c).toBe(0), { timeoutMs: 20_000 });

  // A row written again with an id already published (a relay crashed after publish, before delete) is deduplicated.
  await ds1.query(`INSERT INTO outbox (subject, payload, headers, msg_id) VALUES ($1, '{"n": 5}', NULL, 'evt-5')`, [`${ns}.evt.s5`]);
  relays[1].kick();
  await expectEventually(async () => expect((await ds1.query('SELECT count(*)::int AS c FROM outbox'))[0].c).toBe(0));
  await Promise.all(relays.map((r) => r.stop()));

  const info = await a.jsm.streams.info(a.subjects.streams.events);
  expect(info.state.messages).toBe(ROWS);
  const published = await streamContents(a, ROWS);
  expect(published.map((p) => p.n)).toEqual(values);
  expect(published.map((p) => p.msgId)).toEqual(values.map((n) => `evt-${n}`));
  expect(published.every((p) => p.traceparent.split('-')[1] === traceId)).toBe(true);
  const producerSpans = spans.getFinishedSpans().filter((s) => s.kind === SpanKind.PRODUCER && s.spanContext().traceId === traceId);
  expect(producerSpans.length).toBeGreaterThanOrEqual(ROWS);
});
