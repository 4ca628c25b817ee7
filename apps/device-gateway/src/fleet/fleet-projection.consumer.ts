import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { switchEventSchema, switchLifecycleSchema, type SwitchEvent } from '@fleetlic/contracts';
import { retryWhileUnavailable, type Messaging } from '@fleetlic/messaging';
import { logger } from '@fleetlic/telemetry';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, MESSAGING } from '../nats/tokens';
import { FleetMetrics } from '../metrics/fleet-metrics';
import { changeOfEvent, changeOfLifecycle, foldChanges, type FleetChange } from './fleet-change.mapper';
import { FleetProjectionRepository } from './fleet-projection.repository';

/** Messages taken per pull; also the largest batch one statement applies. */
const BATCH = 1000;
const RESTART_DELAY_MS = 1_000;

/**
 * The durable consumer `gateway-projection` on the event stream. Messages are applied in
 * micro-batches: whatever arrived while the previous batch was written is folded per switch and
 * upserted in one statement, then acked. The apply is idempotent (event ids), so a crash between
 * write and ack, or a second replica, only replays what is already there.
 */
@Injectable()
export class FleetProjectionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopped = false;
  private readonly stopping = new AbortController();
  private messages?: ConsumerMessages;
  private pending: JsMsg[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private flushQueued = false;

  constructor(
    @Inject(MESSAGING) private readonly messaging: Messaging,
    @Inject(DATA_SOURCE) private readonly ds: DataSource | null,
    private readonly repo: FleetProjectionRepository,
    private readonly metrics: FleetMetrics,
  ) {}

  onApplicationBootstrap(): void {
    // Without a database there is no projection to feed (the fleet routes answer 503).
    if (this.ds) void this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.messages?.close().catch(() => undefined);
    await this.flushing;
  }

  private async run(): Promise<void> {
    const s = this.messaging.subjects;
    while (!this.stopped) {
      try {
        await this.messaging.ensureConsumer(s.streams.events, { durable: s.consumers.gatewayProjection, filterSubjects: [s.eventAll], maxDeliver: 20, ackWaitMs: 60_000, maxAckPending: BATCH * 4 });
        const consumer = await this.messaging.js.consumers.get(s.streams.events, s.consumers.gatewayProjection);
        this.messages = await consumer.consume({ max_messages: BATCH });
        if (this.stopped) await this.messages.close();
        for await (const msg of this.messages) {
          this.pending.push(msg);
          this.scheduleFlush();
        }
      } catch (err) {
        if (!this.stopped) logger.warn('fleet projection consumer interrupted, restarting', { error: String(err) });
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, RESTART_DELAY_MS));
    }
  }

  /** One flush at a time (order), started after the current burst of deliveries was taken in. */
  private scheduleFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    this.flushing = this.flushing.then(
      () =>
        new Promise<void>((resolve) =>
          setImmediate(() => {
            this.flushQueued = false;
            const batch = this.pending.splice(0, this.pending.length);
            this.flush(batch).finally(resolve);
          }),
        ),
    );
  }

  private async flush(batch: JsMsg[]): Promise<void> {
    if (!batch.length) return;
    const changes: FleetChange[] = [];
    const events: { event: SwitchEvent; first: boolean }[] = [];
    const valid: JsMsg[] = [];
    for (const msg of batch) {
      const change = this.decode(msg, events);
      if (change) {
        changes.push(change);
        valid.push(msg);
      } else msg.term(); // malformed: logged by decode; retrying cannot fix it
    }
    const folded = foldChanges(changes);
    try {
      // PostgreSQL down or restarting: keep the batch and write it again once it answers. Naking
      // would spend the messages' 20 deliveries in ~20 s, after which JetStream stops delivering
      // them and the projection silently misses those events.
      await retryWhileUnavailable(() => this.repo.apply(folded), {
        holding: () => valid.forEach((m) => m.working()),
        pauseMs: (attempt) => 200 * 2 ** (attempt - 1),
        stopping: this.stopping.signal,
        context: { consumer: 'gateway-projection', messages: valid.length },
      });
    } catch (err) {
      logger.warn('fleet projection write failed, will retry', { error: String(err), messages: valid.length });
      valid.forEach((m) => m.nak(RESTART_DELAY_MS));
      return;
    }
    valid.forEach((m) => m.ack());
    // Counted once per event: a redelivery (after a failed write) was not counted before.
    for (const e of events) if (e.first) this.metrics.eventSeen(e.event);
  }

  private decode(msg: JsMsg, events: { event: SwitchEvent; first: boolean }[]): FleetChange | undefined {
    let body: unknown;
    try {
      body = msg.json();
    } catch {
      body = undefined;
    }
    const event = switchEventSchema.safeParse(body);
    if (event.success) {
      events.push({ event: event.data, first: msg.info.deliveryCount === 1 });
      return changeOfEvent(event.data);
    }
    const lifecycle = switchLifecycleSchema.safeParse(body);
    if (lifecycle.success) return changeOfLifecycle(lifecycle.data);
    logger.warn('fleet projection: malformed message dropped', { subject: msg.subject, error: event.error.issues[0]?.message });
    return undefined;
  }
}
