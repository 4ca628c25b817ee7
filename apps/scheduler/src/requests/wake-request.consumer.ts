import { subjects, wakeRequestSchema, type WakeRequest } from '@fleetlic/contracts';
import type { ConsumerHandle, Messaging } from '@fleetlic/messaging';
import type { WakeFireLoop } from '../firing/wake-fire.loop';
import type { WakeChange, WakeupStore } from '../persistence/wakeup.store';
import { RequestBatcher } from './request-batcher';

/**
 * Consumes `<ns>.sched.set` (durable `scheduler`, shared by every replica). Messages are handled
 * concurrently and gathered into batches of one transaction each; a message is acked only after
 * its batch committed, so a crash leaves it to be redelivered.
 */
export class WakeRequestConsumer {
  private handle?: ConsumerHandle;
  private readonly batcher: RequestBatcher<WakeChange>;

  constructor(
    private readonly messaging: Messaging,
    private readonly store: WakeupStore,
    private readonly fire: WakeFireLoop,
    private readonly batchSize: number,
  ) {
    this.batcher = new RequestBatcher((items) => this.apply(items), batchSize);
  }

  async start(): Promise<void> {
    const s = subjects(this.messaging.namespace);
    this.handle = this.messaging.consume<WakeRequest>({
      stream: s.streams.wakeRequests,
      durable: s.consumers.scheduler,
      filterSubjects: [s.wakeRequest],
      schema: requestSchema,
      // As many in flight as one batch holds: concurrency is what lets a batch fill up.
      concurrency: this.batchSize,
      maxDeliver: 20,
      handler: (req) => this.batcher.add(toChange(req)),
    });
    await this.handle.ready;
  }

  async stop(): Promise<void> {
    await this.handle?.stop();
  }

  private async apply(items: WakeChange[]): Promise<void> {
    await this.store.apply(items);
    const sets = items.filter((c) => c.at !== null).map((c) => c.at!);
    if (sets.length) this.fire.notify(Math.min(...sets));
  }
}

/** A request whose `at` is no instant fails validation and is dead-lettered at once, not inside its batch. */
const requestSchema = wakeRequestSchema.refine((r) => r.at === null || Number.isFinite(Date.parse(r.at)), { message: 'at must be an ISO 8601 instant or null' });

function toChange(req: WakeRequest): WakeChange {
  return { owner: req.owner, key: req.key, at: req.at === null ? null : Date.parse(req.at) };
}
