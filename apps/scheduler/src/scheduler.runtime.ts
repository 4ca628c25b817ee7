import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { SimulatedClockOwner, type Clock } from '@fleetlic/clock';
import type { FleetlicEnv } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { logger } from '@fleetlic/telemetry';
import type { Subscription } from '@nats-io/nats-core';
import type { DataSource } from 'typeorm';
import { ClockAdvanceService } from './clock/clock-advance.service';
import { ClockRequestsServer } from './clock/clock-requests.server';
import { QuietProbe } from './clock/quiet.probe';
import { WakeFireLoop } from './firing/wake-fire.loop';
import { WakeupStore } from './persistence/wakeup.store';
import { WakeRequestConsumer } from './requests/wake-request.consumer';
import type { SchedulerOptions } from './scheduler.options';

/**
 * The scheduler's parts wired together, started in dependency order once Nest is up and stopped
 * in reverse on shutdown: stop taking requests, finish the fire round in flight (its rows
 * commit or roll back, never half), free the clock lease, then close NATS and PostgreSQL.
 */
export class SchedulerRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly store: WakeupStore;
  readonly fire: WakeFireLoop;
  readonly consumer: WakeRequestConsumer;
  readonly advance?: ClockAdvanceService;
  private readonly server: ClockRequestsServer;
  private health?: Subscription;

  private constructor(
    readonly env: FleetlicEnv,
    readonly messaging: Messaging,
    readonly ds: DataSource,
    readonly clock: Clock,
    probe: QuietProbe,
    opts: SchedulerOptions,
  ) {
    this.store = new WakeupStore(ds);
    this.fire = new WakeFireLoop(this.store, messaging, clock, { batchSize: opts.fireBatchSize, pollMs: opts.pollMs, afterPublish: opts.afterPublish });
    this.consumer = new WakeRequestConsumer(messaging, this.store, this.fire, opts.requestBatchSize);
    if (clock instanceof SimulatedClockOwner) {
      this.advance = new ClockAdvanceService(clock, this.store, this.fire, probe, messaging, { stallMs: opts.stallMs });
    }
    this.server = new ClockRequestsServer(messaging, clock, this.advance);
  }

  static async create(env: FleetlicEnv, messaging: Messaging, ds: DataSource, clock: Clock, opts: SchedulerOptions): Promise<SchedulerRuntime> {
    const probe = new QuietProbe(await jetstreamManager(messaging.nc), ds, new WakeupStore(ds), env.FLEETLIC_NAMESPACE);
    return new SchedulerRuntime(env, messaging, ds, clock, probe, opts);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.fire.start();
    this.server.start();
    this.health = this.messaging.serveHealth('scheduler');
    logger.info('scheduler started', { namespace: this.env.FLEETLIC_NAMESPACE, clock: this.clock.mode });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.health?.unsubscribe();
    this.server.stop();
    await this.consumer.stop();
    await this.fire.stop();
    await this.clock.close();
    await this.messaging.close();
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
