import type { ZodType } from 'zod';

/** What a handler learns about the message besides its payload. */
export interface MessageContext {
  subject: string;
  headers: Record<string, string>;
  /** The sender's instant (`Fleetlic-Time`, epoch ms), if it sent one. */
  time?: number;
  /** 1 on first delivery. */
  deliveryCount: number;
  /** Tells JetStream the handler is still busy (resets ack_wait). */
  working(): void;
}

export interface ConsumeOptions<T> {
  stream: string;
  durable: string;
  filterSubjects: string[];
  schema: ZodType<T>;
  /** Handlers in flight at once in this process. */
  concurrency: number;
  /** Deliveries before a failing message is dead-lettered (default 5). */
  maxDeliver?: number;
  /** How long JetStream waits for an ack before redelivering (default 30 s). */
  ackWaitMs?: number;
  /** Delay before a failed message is redelivered; default exponential from 200 ms, capped at 30 s. */
  nakDelayMs?: (deliveryCount: number) => number;
  handler: (data: T, ctx: MessageContext) => Promise<void>;
}

export interface ConsumerOptions {
  durable: string;
  filterSubjects: string[];
  maxDeliver?: number;
  ackWaitMs?: number;
  maxAckPending?: number;
}

export const defaultNakDelay = (deliveryCount: number) => Math.min(200 * 2 ** (deliveryCount - 1), 30_000);
