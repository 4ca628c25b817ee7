import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, type ConsumerConfig, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { ConsumerOptions } from './consume-options';
import { streamDefinitions } from './stream-definitions';

const DEFAULT_ACK_WAIT_MS = 30_000;

/** Creates (or updates) every stream of the namespace; safe to run from every replica at start. */
export async function ensureStreams(jsm: JetStreamManager, namespace: string): Promise<void> {
  for (const cfg of streamDefinitions(namespace)) {
    // Retention and storage cannot change in place; limits, subjects and windows can.
    const { retention: _retention, storage: _storage, ...updatable } = cfg;
    try {
      await jsm.streams.update(cfg.name!, updatable);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await jsm.streams.add(cfg as StreamConfig).catch(async (e) => {
        // Another replica created it between our update and add.
        if (!(await jsm.streams.info(cfg.name!).then(() => true, () => false))) throw e;
      });
    }
  }
}

/** Creates a durable pull consumer if missing, and brings ack_wait/max_deliver up to date. */
export async function ensureConsumer(jsm: JetStreamManager, stream: string, o: ConsumerOptions): Promise<void> {
  const config: Partial<ConsumerConfig> = {
    durable_name: o.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: (o.ackWaitMs ?? DEFAULT_ACK_WAIT_MS) * 1_000_000,
    // One more than the handler's budget: the extra delivery dead-letters a message whose last attempt timed out.
    max_deliver: (o.maxDeliver ?? 5) + 1,
    ...(o.maxAckPending ? { max_ack_pending: o.maxAckPending } : {}),
    // NATS 2.9 knows only a single filter_subject; several need 2.10.
    ...(o.filterSubjects.length === 1 ? { filter_subject: o.filterSubjects[0] } : { filter_subjects: o.filterSubjects }),
  };
  try {
    const info = await jsm.consumers.info(stream, o.durable);
    if (info.config.ack_wait !== config.ack_wait || info.config.max_deliver !== config.max_deliver) {
      await jsm.consumers.update(stream, o.durable, { ack_wait: config.ack_wait, max_deliver: config.max_deliver });
    }
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await jsm.consumers.add(stream, config);
  }
}

function isNotFound(err: unknown): boolean {
  if (err instanceof JetStreamApiError) return err.code === JetStreamApiCodes.StreamNotFound || err.code === JetStreamApiCodes.ConsumerNotFound;
  return /not found/i.test(String(err));
}
