import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Subscription } from '@nats-io/nats-core';
import type { Clock } from '@fleetlic/clock';
import { adapterCallSchema, subjects } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { logger } from '@fleetlic/telemetry';
import { AdapterCallHandler } from './adapter-call.handler';
import { CLOCK, MESSAGING } from './injection-tokens';

/**
 * Subscribes the adapter to `<ns>.adapter.call` in queue group `adapter` (replicas share the
 * load) and to its health subject. On shutdown it stops taking requests first, lets the
 * exchanges in flight answer, then drains the connection, so no agent call is dropped.
 */
@Injectable()
export class AdapterWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    @Inject(MESSAGING) private readonly messaging: Messaging,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly handler: AdapterCallHandler,
  ) {}

  onApplicationBootstrap(): void {
    const names = subjects(this.messaging.namespace);
    this.subscriptions.push(
      this.messaging.serve(names.adapterCall, {
        queue: 'adapter',
        schema: adapterCallSchema,
        handler: (call, ctx) => this.handler.handle(call, ctx.time),
      }),
      this.messaging.serveHealth('cssm-adapter'),
    );
    logger.info('cssm-adapter serving', { subject: names.adapterCall });
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    logger.info('cssm-adapter stopping', { signal });
    await Promise.all(this.subscriptions.map((s) => s.drain().catch(() => undefined)));
    await this.handler.idle();
    await this.messaging.close();
    await this.clock.close();
  }
}
