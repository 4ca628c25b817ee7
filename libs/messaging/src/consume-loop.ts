import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { logger, redactText } from '@fleetlic/telemetry';
import { decodeJson } from './codec';
import { defaultNakDelay, type ConsumeOptions } from './consume-options';
import { extractContext, headerRecord, readTime } from './nats-headers';
import { MessagingError, MessagingErrorCode } from './messaging-error';
import { messagingAttributes, tracer } from './tracing';
import { Semaphore } from './semaphore';
import { retryWhileUnavailable } from './retry-while-unavailable';
import { isUnavailableError } from './unavailable-error';

/** Dead-letters the original bytes of `msg` with a reason; resolves once JetStream stored it. */
export type DeadLetterFn = (msg: JsMsg, reason: string) => Promise<void>;

const RESTART_DELAY_MS = 1_000;
const PULL_EXPIRES_MS = 5_000;

/**
 * One durable pull consumer worked by up to `concurrency` handlers at once. The loop survives
 * handler errors, malformed messages, reconnects and a deleted consumer (it recreates it).
 */
export class ConsumeLoop<T> {
  private stopped = false;
  private readonly stopping = new AbortController();
  private messages?: ConsumerMessages;
  private readonly slots: Semaphore;
  private readonly maxDeliver: number;
  private readonly nakDelay: (n: number) => number;
  private resolveReady!: () => void;
  /** Resolves once the consumer exists and the first pull is issued. */
  readonly ready = new Promise<void>((r) => (this.resolveReady = r));
  private readonly finished: Promise<void>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly ensure: () => Promise<void>,
    private readonly deadLetter: DeadLetterFn,
    private readonly opts: ConsumeOptions<T>,
  ) {
    this.slots = new Semaphore(Math.max(1, opts.concurrency));
    this.maxDeliver = opts.maxDeliver ?? 5;
    this.nakDelay = opts.nakDelayMs ?? defaultNakDelay;
    this.finished = this.run();
  }

  /** Stops pulling, lets the handlers in flight finish; unprocessed buffered messages are redelivered later. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.messages?.close().catch(() => undefined);
    await this.finished;
    await this.slots.drain();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.ensure();
        const consumer = await this.js.consumers.get(this.opts.stream, this.opts.durable);
        // Pull only what the handlers can take, so buffered messages don't age towards ack_wait.
        // Short pulls: a consumer lost without a "409 Consumer Deleted" (removed while this client
        // was disconnected, a server restarted without it) shows only as missed idle heartbeats
        // (expires / 2, two of them) and then consumer-info checks `expires` apart; with nats.js's
        // default 30 s that took a minute before watch() had it recreated, now about 10 s.
        const messages = await consumer.consume({ max_messages: Math.max(1, this.opts.concurrency), expires: PULL_EXPIRES_MS });
        this.messages = messages;
        if (this.stopped) await messages.close();
        void this.watch(messages);
        this.resolveReady();
        for await (const msg of messages) {
          await this.slots.acquire();
          void this.handle(msg).finally(() => this.slots.release());
        }
      } catch (err) {
        if (!this.stopped) logger.warn('consumer interrupted, restarting', { durable: this.opts.durable, error: String(err) });
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, RESTART_DELAY_MS));
    }
  }

  /** A deleted consumer or stream never comes back by itself: close, so run() recreates it. */
  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const s of messages.status()) {
      if (s.type === 'consumer_deleted' || (s.type === 'consumer_not_found' && s.count > 1) || s.type === 'stream_not_found') {
        logger.warn('consumer lost, recreating', { durable: this.opts.durable, reason: s.type });
        await messages.close().catch(() => undefined);
        return;
      }
    }
  }

  private async handle(msg: JsMsg): Promise<void> {
    const deliveryCount = msg.info.deliveryCount;
    const parent = extractContext(msg.headers);
    const span = tracer().startSpan(
      `${this.opts.durable} process`,
      {
        kind: SpanKind.CONSUMER,
        attributes: messagingAttributes(msg.subject, {
          'messaging.operation.type': 'process',
          'messaging.consumer.group.name': this.opts.durable,
          'messaging.message.delivery_count': deliveryCount,
          'messaging.nats.stream_sequence': msg.seq,
        }),
      },
      parent,
    );
    await context.with(trace.setSpan(parent, span), async () => {
      try {
        await this.process(msg, deliveryCount);
      } catch (err) {
        // process() only throws when even the nak/dead-letter bookkeeping failed.
        logger.error('message bookkeeping failed', { durable: this.opts.durable, error: String(err) });
      } finally {
        span.end();
      }
    });
  }

  private async process(msg: JsMsg, deliveryCount: number): Promise<void> {
    const span = trace.getActiveSpan();
    // A delivery past maxDeliver means the previous attempt timed out (ack_wait) on its last try.
    if (deliveryCount > this.maxDeliver) return this.toDeadLetter(msg, `deliveries exhausted (${deliveryCount - 1} attempts timed out or failed)`);
    let data: T;
    try {
      data = decodeJson(msg.data, this.opts.schema);
    } catch (err) {
      span?.setStatus({ code: SpanStatusCode.ERROR, message: 'invalid message' });
      return this.toDeadLetter(msg, err instanceof MessagingError ? err.message : String(err));
    }
    try {
      await this.runHandler(data, msg, deliveryCount);
      msg.ack();
    } catch (err) {
      // Error texts reach the DLQ header, logs and spans: no secret may ride along.
      const message = redactText(err instanceof Error ? err.message : String(err));
      span?.recordException({ name: err instanceof Error ? err.name : 'Error', message });
      span?.setStatus({ code: SpanStatusCode.ERROR, message });
      // Only when stopping while the database is down: give it back, it is not the message's fault.
      if (isUnavailableError(err)) return void msg.nak(this.nakDelay(deliveryCount));
      if (deliveryCount >= this.maxDeliver) return this.toDeadLetter(msg, `handler failed ${deliveryCount} times: ${message}`);
      logger.warn('handler failed, will retry', { durable: this.opts.durable, subject: msg.subject, deliveryCount, error: message });
      msg.nak(this.nakDelay(deliveryCount));
    }
  }

  /**
   * Runs the handler, again and again in place while it fails only because the database is
   * unreachable (a PostgreSQL restart or failover: refused or dropped connections, "starting up")
   * or a service it calls is down (an error marked `dependencyUnavailable`, e.g. the agent's
   * ADAPTER_UNAVAILABLE while the adapter restarts).
   * Such a failure says nothing about the message, but redelivering it would spend its delivery
   * budget: with the default 5 deliveries and 0.2–1.6 s between them, every message in flight when
   * PostgreSQL went down for more than ~3 s was dead-lettered, and a dead-lettered wake is a renewal
   * that never happens. So the message stays with this handler (`working()` keeps JetStream from
   * redelivering it elsewhere) until the database answers again; any other error is the normal
   * redelivery/dead-letter path. Retrying is safe for the same reason redelivery is: handlers are
   * idempotent, and the failed transaction was rolled back.
   */
  private runHandler(data: T, msg: JsMsg, deliveryCount: number): Promise<void> {
    const ctx = { subject: msg.subject, headers: headerRecord(msg.headers), time: readTime(msg.headers), deliveryCount, working: () => msg.working() };
    return retryWhileUnavailable(() => this.opts.handler(data, ctx), {
      holding: () => msg.working(),
      pauseMs: this.nakDelay,
      stopping: this.stopping.signal,
      context: { durable: this.opts.durable, subject: msg.subject },
    });
  }

  private async toDeadLetter(msg: JsMsg, reason: string): Promise<void> {
    logger.warn('dead-lettering message', { durable: this.opts.durable, subject: msg.subject, reason });
    try {
      await this.deadLetter(msg, reason);
      msg.term();
    } catch (err) {
      // Keep the message rather than lose it: it comes back and is dead-lettered then.
      msg.nak(this.nakDelay(msg.info.deliveryCount));
      throw new MessagingError(MessagingErrorCode.PublishFailed, `dead-letter publish failed: ${String(err)}`);
    }
  }
}
