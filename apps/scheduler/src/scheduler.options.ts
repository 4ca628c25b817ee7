import type { DueWakeup } from './persistence/wakeup.store';

/** Tunables of one scheduler process; defaults suit production, tests shorten them. */
export interface SchedulerOptions {
  /** Rows claimed and published per fire transaction. */
  fireBatchSize: number;
  /** Wake-up requests applied per transaction (also the consumer's concurrency). */
  requestBatchSize: number;
  /** How often each replica looks for due rows it has no timer for. */
  pollMs: number;
  /** Clock advance: give up when the system stays busy this long at one instant. */
  stallMs: number;
  /** Identifies the replica in the clock lease. */
  holder?: string;
  /** Lifetime of the clock lease without renewal. */
  leaseTtlMs: number;
  /** Test hook between publishing and committing a fire round. */
  afterPublish?: (rows: DueWakeup[]) => Promise<void> | void;
}

export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = {
  fireBatchSize: 1000,
  requestBatchSize: 500,
  pollMs: 250,
  stallMs: 60_000,
  leaseTtlMs: 10_000,
};
