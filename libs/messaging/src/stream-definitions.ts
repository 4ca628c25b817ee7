import { RetentionPolicy, StorageType, DiscardPolicy, type StreamConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { subjects } from '@fleetlic/contracts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Deduplication window: long enough for an outbox relay or a redelivered command to retry a publish. */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;

/** Every JetStream stream of a namespace, as ARCHITECTURE.md and design.md define them. */
export function streamDefinitions(ns: string): Partial<StreamConfig>[] {
  const s = subjects(ns);
  const base = { storage: StorageType.File, discard: DiscardPolicy.Old, duplicate_window: nanos(DUPLICATE_WINDOW_MS), num_replicas: 1 };
  return [
    // Commands are work: each is taken by exactly one agent worker and removed when acked.
    { ...base, name: s.streams.agentCommands, subjects: [s.agentCommandAll], retention: RetentionPolicy.Workqueue },
    // Events are history: kept a week for read models that rebuild or lag.
    { ...base, name: s.streams.events, subjects: [s.eventAll], retention: RetentionPolicy.Limits, max_age: nanos(7 * DAY_MS) },
    { ...base, name: s.streams.wakeRequests, subjects: [`${ns}.sched.>`], retention: RetentionPolicy.Workqueue },
    { ...base, name: s.streams.wakes, subjects: [`${ns}.wake.>`], retention: RetentionPolicy.Workqueue },
    // Dead letters wait a month for a person to look at them.
    { ...base, name: s.streams.deadLetters, subjects: [s.deadLetterAll], retention: RetentionPolicy.Limits, max_age: nanos(30 * DAY_MS) },
  ];
}
