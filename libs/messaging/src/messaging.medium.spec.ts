import { SpanKind } from '@opentelemetry/api';
import { z } from 'zod';
import { HEADERS } from '@fleetlic/contracts';
import { expectEventually, installInMemoryTracing, resolveInfra, uniqueNamespace } from '@fleetlic/testing';
import { withSpan } from '@fleetlic/telemetry';
import { Messaging } from './messaging';
import { MessagingError, MessagingErrorCode } from './messaging-error';
import type { ConsumerHandle } from './messaging';

const spans = installInMemoryTracing();
const ns = uniqueNamespace('msg');
const pingSchema = z.object({ n: z.number().int() });
let m: Messaging;
const handles: ConsumerHandle[] = [];

beforeAll(async () => {
  const { natsUrl } = await resolveInfra();
  m = await Messaging.connect({ url: natsUrl, namespace: ns, name: 'messaging-test' });
  await m.ensureStreams();
  await m.ensureStreams(); // idempotent
});

afterAll(async () => {
  await Promise.all(handles.map((h) => h.stop()));
  for (const stream of Object.values(m.subjects.streams)) await m.jsm.streams.delete(stream).catch(() => undefined);
  await m.close();
});

/** Dead letters of the namespace, read back from the DLQ stream. */
async function deadLetters() {
  const stream = await m.jsm.streams.get(m.subjects.streams.deadLetters);
  const { state } = await stream.info();
  const out: { subject: string; reason: string; data: string }[] = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const msg = await stream.getMessage({ seq }).catch(() => null);
    if (msg) out.push({ subject: msg.subject, reason: msg.header?.get(HEADERS.deadReason) ?? '', data: new TextDecoder().decode(msg.data) });
  }
  return out;
}

describe('publish / consume', () => {
  it('delivers a validated message with the sender time, producer and consumer spans in one trace', async () => {
    const seen: { n: number; time?: number; deliveryCount: number }[] = [];
    const h = m.consume({
      stream: m.subjects.streams.events,
      durable: 'round-trip',
      filterSubjects: [m.subjects.event('s1', '>')],
      schema: pingSchema,
      concurrency: 4,
      handler: async (data, ctx) => {
        await withSpan('handler.work', {}, async () => undefined);
        seen.push({ n: data.n, time: ctx.time, deliveryCount: ctx.deliveryCount });
      },
    });
    handles.push(h);
    await h.ready;
    const at = Date.parse('2031-05-01T10:00:00Z');
    const ack = await withSpan('test.root', {}, () => m.publish(m.subjects.event('s1', 'PING'), { n: 1 }, { msgId: 'rt-1', time: at, schema: pingSchema }));
    expect(ack.duplicate).toBe(false);
    expect((await m.publish(m.subjects.event('s1', 'PING'), { n: 1 }, { msgId: 'rt-1' })).duplicate).toBe(true);

    await expectEventually(() => expect(seen).toEqual([{ n: 1, time: at, deliveryCount: 1 }]));
    const finished = await expectEventually(() => {
      const all = spans.getFinishedSpans();
      const root = all.find((s) => s.name === 'test.root')!;
      const producer = all.find((s) => s.kind === SpanKind.PRODUCER && s.spanContext().traceId === root.spanContext().traceId);
      const consumer = all.find((s) => s.kind === SpanKind.CONSUMER && s.name === 'round-trip process');
      const work = all.find((s) => s.name === 'handler.work');
      expect(producer && consumer && work).toBeTruthy();
      return { root, producer: producer!, consumer: consumer!, work: work! };
    });
    expect(finished.consumer.spanContext().traceId).toBe(finished.root.spanContext().traceId);
    expect(finished.consumer.parentSpanContext?.spanId).toBe(finished.producer.spanContext().spanId);
    expect(finished.work.parentSpanContext?.spanId).toBe(finished.consumer.spanContext().spanId);
  });

  it('rejects an invalid payload at publish time', async () => {
    await expect(m.publish(m.subjects.event('s1', 'PING'), { n: 'x' } as never, { schema: pingSchema })).rejects.toMatchObject({ code: MessagingErrorCode.InvalidMessage });
  });

  it('dead-letters a malformed message with its reason and keeps consuming', async () => {
    const seen: number[] = [];
    const h = m.consume({ stream: m.subjects.streams.agentCommands, durable: 'malformed', filterSubjects: [m.subjects.agentCommandAll], schema: pingSchema, concurrency: 2, handler: async (d) => void seen.push(d.n) });
    handles.push(h);
    await h.ready;
    await m.js.publish(m.subjects.agentCommand('bad'), 'not json at all');
    await m.publish(m.subjects.agentCommand('bad'), { n: 'wrong' });
    await m.publish(m.subjects.agentCommand('good'), { n: 7 });

    await expectEventually(() => expect(seen).toEqual([7]));
    const dead = await expectEventually(async () => {
      const d = (await deadLetters()).filter((x) => x.subject.startsWith(`${ns}.dlq.cmd.agent.bad`));
      expect(d).toHaveLength(2);
      return d;
    });
    expect(dead.map((d) => d.reason).sort()).toEqual(['payload is not JSON', 'schema: n: Invalid input: expected number, received string']);
    expect(dead.map((d) => d.data)).toContain('not json at all');
    // Work-queue stream: nothing left behind.
    await expectEventually(async () => expect((await m.jsm.streams.info(m.subjects.streams.agentCommands)).state.messages).toBe(0));
  });

  it('dead-letters a message whose handler keeps failing after maxDeliver attempts', async () => {
    const attempts: number[] = [];
    const h = m.consume({
      stream: m.subjects.streams.wakes,
      durable: 'failing',
      filterSubjects: [m.subjects.wake('agent.>')],
      schema: pingSchema,
      concurrency: 1,
      maxDeliver: 3,
      nakDelayMs: () => 50,
      handler: async (_d, ctx) => {
        attempts.push(ctx.deliveryCount);
        throw new Error('license server unreachable');
      },
    });
    handles.push(h);
    await h.ready;
    await m.publish(m.subjects.wake('agent.s9'), { n: 9 });
    const dead = await expectEventually(async () => {
      const d = (await deadLetters()).filter((x) => x.subject === `${ns}.dlq.wake.agent.s9`);
      expect(d).toHaveLength(1);
      return d[0];
    });
    expect(attempts).toEqual([1, 2, 3]);
    expect(dead.reason).toBe('handler failed 3 times: license server unreachable');
    expect(JSON.parse(dead.data)).toEqual({ n: 9 });
  });

  it('holds a message whose handler cannot reach the database and retries it in place, without spending deliveries', async () => {
    const attempts: number[] = [];
    const h = m.consume({
      stream: m.subjects.streams.wakes,
      durable: 'db-down',
      filterSubjects: [m.subjects.wake('cssm.s8')],
      schema: pingSchema,
      concurrency: 1,
      maxDeliver: 2,
      nakDelayMs: () => 50,
      handler: async (_d, ctx) => {
        attempts.push(ctx.deliveryCount);
        // PostgreSQL restarting: refused, then "starting up", then dropped under the query.
        if (attempts.length <= 2) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        if (attempts.length <= 4) throw Object.assign(new Error('the database system is starting up'), { code: '57P03' });
        if (attempts.length <= 5) throw Object.assign(new Error('Connection terminated unexpectedly'), { name: 'QueryFailedError' });
      },
    });
    handles.push(h);
    await h.ready;
    await m.publish(m.subjects.wake('cssm.s8'), { n: 8 });
    await expectEventually(() => expect(attempts).toHaveLength(6), { timeoutMs: 20_000 });
    expect(attempts).toEqual([1, 1, 1, 1, 1, 1]); // one delivery, six attempts
    expect((await deadLetters()).filter((x) => x.subject === `${ns}.dlq.wake.cssm.s8`)).toEqual([]);
  });
  it('recreates its consumer when it is deleted under it and goes on consuming', async () => {
    const seen: number[] = [];
    const h = m.consume({ stream: m.subjects.streams.wakeRequests, durable: 'resilient', filterSubjects: [m.subjects.wakeRequest], schema: pingSchema, concurrency: 2, handler: async (d) => void seen.push(d.n) });
    handles.push(h);
    await h.ready;
    await m.publish(m.subjects.wakeRequest, { n: 1 });
    await expectEventually(() => expect(seen).toEqual([1]));
    // The ack is sent after the handler returns; a consumer deleted before the server took it
    // would rightly deliver message 1 again once recreated (at least once). Wait for the ack.
    await expectEventually(async () => expect((await m.jsm.consumers.info(m.subjects.streams.wakeRequests, 'resilient')).ack_floor.stream_seq).toBeGreaterThanOrEqual(1));
    await m.jsm.consumers.delete(m.subjects.streams.wakeRequests, 'resilient');
    await m.publish(m.subjects.wakeRequest, { n: 2 });
    await expectEventually(() => expect(seen).toEqual([1, 2]), { timeoutMs: 20_000 });
  });
});

describe('request / reply', () => {
  const replySchema = z.object({ doubled: z.number() });

  it('answers, rejects malformed requests with a typed error, and reports missing responders', async () => {
    const subject = `${ns}.test.double`;
    let remoteTime: number | undefined;
    m.serve(subject, {
      queue: 'doublers',
      schema: pingSchema,
      handler: async (d, ctx) => {
        remoteTime = ctx.time;
        return { doubled: d.n * 2 };
      },
    });
    expect(await m.request(subject, { n: 21 }, { schema: replySchema, time: 5_000 })).toEqual({ doubled: 42 });
    expect(remoteTime).toBe(5_000);

    const err = await m.request(subject, { n: 'x' }, { schema: replySchema }).catch((e) => e);
    expect(err).toBeInstanceOf(MessagingError);
    expect(err).toMatchObject({ code: MessagingErrorCode.RemoteError, remoteCode: 'INVALID_MESSAGE' });

    await expect(m.request(`${ns}.nobody`, {}, { schema: replySchema, timeoutMs: 1_000 })).rejects.toMatchObject({ code: MessagingErrorCode.NoResponders });
  });

  it('answers health checks', async () => {
    m.serveHealth('licensing-agent');
    expect(await m.request(m.subjects.health('licensing-agent'), {}, { schema: z.object({ status: z.literal('ok'), service: z.string() }) })).toEqual({ status: 'ok', service: 'licensing-agent' });
  });
});
