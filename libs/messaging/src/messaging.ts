import { SpanKind, SpanStatusCode, context, trace, type Context } from '@opentelemetry/api';
import { connect } from '@nats-io/transport-node';
import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type JsMsg, type PubAck } from '@nats-io/jetstream';
import type { ZodType } from 'zod';
import { HEADERS, subjects, type Subjects } from '@fleetlic/contracts';
import { logger } from '@fleetlic/telemetry';
import { decodeJson, encodeJson, validate } from './codec';
import { ConsumeLoop } from './consume-loop';
import type { ConsumeOptions, ConsumerOptions } from './consume-options';
import { MessagingError, MessagingErrorCode } from './messaging-error';
import { extractContext, headerRecord, outgoingHeaders, readTime } from './nats-headers';
import { ensureConsumer, ensureStreams } from './jetstream-admin';
import { errorReply, isErrorReply, requestFailure } from './reply-body';
import { messagingAttributes, tracer } from './tracing';

export interface ConnectOptions {
  url: string;
  namespace: string;
  /** The service name, shown by the NATS server's monitoring. */
  name: string;
}

export interface PublishOptions<T> {
  /** JetStream deduplication id (`Nats-Msg-Id`). */
  msgId?: string;
  /** The sender's instant (epoch ms), sent as `Fleetlic-Time`. */
  time?: number;
  schema?: ZodType<T>;
  /** Extra headers (e.g. those an outbox row stored). */
  headers?: Record<string, string>;
  /** Parent trace context of the publish span (default: the active one). */
  parent?: Context;
}

export interface RequestOptions<R> {
  schema: ZodType<R>;
  timeoutMs?: number;
  time?: number;
}

export interface ServeContext {
  subject: string;
  headers: Record<string, string>;
  time?: number;
}

export interface ServeOptions<T> {
  /** Queue group: one member answers each request. Omit to have every subscriber answer. */
  queue?: string;
  schema: ZodType<T>;
  handler: (data: T, ctx: ServeContext) => Promise<unknown> | unknown;
}

export interface ConsumerHandle {
  /** Resolves once the consumer exists and messages are being pulled. */
  ready: Promise<void>;
  /** Stops pulling and waits for the handlers in flight. */
  stop(): Promise<void>;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** The process's NATS connection with JetStream, trace propagation and validation built in. */
export class Messaging {
  readonly subjects: Subjects;
  private readonly loops = new Set<ConsumeLoop<unknown>>();
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly namespace: string,
  ) {
    this.subjects = subjects(namespace);
  }

  /** Opens the one connection of this process; after the first connect it reconnects forever. */
  static async connect({ url, namespace, name }: ConnectOptions): Promise<Messaging> {
    let nc: NatsConnection;
    try {
      // noAsyncTraces: nats.js otherwise builds an Error with a stack trace for every request and
      // JetStream publish in case it later fails (3-4 % of the gateway's CPU under load).
      nc = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 1_000, noAsyncTraces: true });
    } catch (err) {
      throw new MessagingError(MessagingErrorCode.Closed, `cannot reach NATS at ${url}: ${String(err)}`, undefined, { cause: err });
    }
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnect') logger.info(`nats ${s.type}`, { server: s.server });
      }
    })();
    return new Messaging(nc, jetstream(nc), await jetstreamManager(nc), namespace);
  }

  /** Creates (or updates) every stream of the namespace; safe to call from every replica at start. */
  ensureStreams(): Promise<void> {
    return ensureStreams(this.jsm, this.namespace);
  }

  /** Creates a durable pull consumer if missing, and brings ack_wait/max_deliver up to date. */
  ensureConsumer(stream: string, o: ConsumerOptions): Promise<void> {
    return ensureConsumer(this.jsm, stream, o);
  }

  /** JetStream publish inside a PRODUCER span; resolves with the server's ack. */
  async publish<T>(subject: string, payload: T, opts: PublishOptions<T> = {}): Promise<PubAck> {
    if (opts.schema) validate(payload, opts.schema);
    return this.publishBytes(subject, encodeJson(payload), opts);
  }

  /**
   * Publishes many messages pipelined (all sent, then all acks awaited) — one round trip's
   * latency for the batch instead of one per message. Rejects if any publish failed.
   */
  async publishMany(items: { subject: string; payload: unknown; opts?: PublishOptions<unknown> }[]): Promise<PubAck[]> {
    return Promise.all(items.map((i) => this.publish(i.subject, i.payload, i.opts)));
  }

  /** Publishes raw bytes (e.g. a dead letter's original payload). */
  async publishBytes(subject: string, data: Uint8Array, opts: Omit<PublishOptions<unknown>, 'schema'> = {}): Promise<PubAck> {
    const parent = opts.parent ?? context.active();
    const span = tracer().startSpan(`${subject} publish`, { kind: SpanKind.PRODUCER, attributes: messagingAttributes(subject, { 'messaging.operation.type': 'publish', 'messaging.message.id': opts.msgId }) }, parent);
    const ctx = trace.setSpan(parent, span);
    const h = outgoingHeaders(opts.time, ctx);
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (!isTraceHeader(k) && !h.has(k)) h.set(k, v);
    try {
      return await this.js.publish(subject, data, { headers: h, ...(opts.msgId ? { msgID: opts.msgId } : {}) });
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: String(err) });
      throw new MessagingError(MessagingErrorCode.PublishFailed, `publish to ${subject} failed: ${String(err)}`, undefined, { cause: err });
    } finally {
      span.end();
    }
  }

  /** Core NATS fire-and-forget (no persistence), with trace headers. */
  publishCore(subject: string, payload: unknown, opts: { time?: number } = {}): void {
    const span = tracer().startSpan(`${subject} publish`, { kind: SpanKind.PRODUCER, attributes: messagingAttributes(subject) });
    try {
      this.nc.publish(subject, encodeJson(payload), { headers: outgoingHeaders(opts.time, trace.setSpan(context.active(), span)) });
    } finally {
      span.end();
    }
  }

  /** Core request/reply; throws MessagingError (Timeout, NoResponders, RemoteError, InvalidMessage). */
  async request<R>(subject: string, payload: unknown, opts: RequestOptions<R>): Promise<R> {
    const span = tracer().startSpan(`${subject} request`, { kind: SpanKind.CLIENT, attributes: messagingAttributes(subject) });
    const ctx = trace.setSpan(context.active(), span);
    try {
      let reply: Msg;
      try {
        reply = await this.nc.request(subject, encodeJson(payload), { timeout: opts.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, headers: outgoingHeaders(opts.time, ctx) });
      } catch (err) {
        throw requestFailure(subject, err);
      }
      const body = decodeJson<unknown>(reply.data);
      if (isErrorReply(body)) throw new MessagingError(MessagingErrorCode.RemoteError, body.error.message, body.error.code);
      return validate(body, opts.schema);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  }

  /**
   * Answers requests on `subject`. A request that fails validation gets
   * `{ error: { code: 'INVALID_MESSAGE', message } }`; a handler error gets its code (or INTERNAL).
   */
  serve<T>(subject: string, opts: ServeOptions<T>): Subscription {
    const sub = this.nc.subscribe(subject, {
      queue: opts.queue,
      callback: (err: Error | null, msg: Msg) => {
        if (err) return logger.error('subscription failed', { subject, error: String(err) });
        void this.answer(msg, opts);
      },
    });
    this.subscriptions.add(sub);
    return sub;
  }

  /** Answers `<ns>.health.<service>` so harnesses and probes can see a worker is up. */
  serveHealth(service: string): Subscription {
    return this.serve(this.subjects.health(service), { schema: anyPayload, handler: () => ({ status: 'ok', service }) });
  }

  /** Starts a consume loop (see ConsumeLoop); the consumer is created if missing. */
  consume<T>(opts: ConsumeOptions<T>): ConsumerHandle {
    const ensure = () => this.ensureConsumer(opts.stream, { durable: opts.durable, filterSubjects: opts.filterSubjects, maxDeliver: opts.maxDeliver, ackWaitMs: opts.ackWaitMs });
    const loop = new ConsumeLoop<T>(this.js, ensure, (msg, reason) => this.deadLetter(msg, reason), opts);
    this.loops.add(loop as ConsumeLoop<unknown>);
    return {
      ready: loop.ready,
      stop: async () => {
        await loop.stop();
        this.loops.delete(loop as ConsumeLoop<unknown>);
      },
    };
  }

  /** Stops consumers, drains subscriptions and pending publishes, then closes. */
  async close(): Promise<void> {
    await Promise.all([...this.loops].map((l) => l.stop()));
    this.loops.clear();
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }

  private async deadLetter(msg: JsMsg, reason: string): Promise<void> {
    const origin = msg.subject.startsWith(`${this.namespace}.`) ? msg.subject.slice(this.namespace.length + 1) : msg.subject;
    await this.publishBytes(this.subjects.deadLetter(origin), msg.data, {
      // Stream + sequence identify the delivery, so a retried dead-letter publish is deduplicated.
      msgId: `dlq:${msg.info.stream}:${msg.seq}`,
      headers: { ...headerRecord(msg.headers), [HEADERS.deadReason]: reason.replace(/[\r\n]+/g, ' ').slice(0, 1024), 'Fleetlic-Dead-Subject': msg.subject, 'Fleetlic-Dead-Consumer': msg.info.consumer },
    });
  }

  private async answer<T>(msg: Msg, opts: ServeOptions<T>): Promise<void> {
    const parent = extractContext(msg.headers);
    const span = tracer().startSpan(`${msg.subject} serve`, { kind: SpanKind.SERVER, attributes: messagingAttributes(msg.subject) }, parent);
    await context.with(trace.setSpan(parent, span), async () => {
      let body: unknown;
      try {
        const data = decodeJson(msg.data, opts.schema);
        body = await opts.handler(data, { subject: msg.subject, headers: headerRecord(msg.headers), time: readTime(msg.headers) });
      } catch (err) {
        const reply = errorReply(err);
        body = reply;
        span.setStatus({ code: SpanStatusCode.ERROR, message: reply.error.message });
        if (!(err instanceof MessagingError)) logger.error('request handler failed', { subject: msg.subject, error: reply.error.message });
      }
      try {
        if (msg.reply) msg.respond(encodeJson(body ?? null));
      } catch (err) {
        logger.warn('reply failed', { subject: msg.subject, error: String(err) });
      } finally {
        span.end();
      }
    });
  }
}

const anyPayload = { safeParse: (v: unknown) => ({ success: true, data: v }) } as unknown as ZodType<unknown>;

function isTraceHeader(k: string): boolean {
  const l = k.toLowerCase();
  return l === 'traceparent' || l === 'tracestate';
}


