import { setTimeout as sleep } from 'node:timers/promises';
import { logger, redactText } from '@fleetlic/telemetry';
import { isUnavailableError } from './unavailable-error';

/** Longest pause between two attempts while a dependency is unreachable. */
const MAX_PAUSE_MS = 5_000;

export interface RetryWhileUnavailableOptions {
  /** Called before each pause: keeps the messages held (`msg.working()`) so JetStream does not redeliver them elsewhere. */
  holding: () => void;
  /** Pause before attempt `n + 1`, capped at 5 s. */
  pauseMs: (attempt: number) => number;
  /** Aborted on shutdown: the pause ends at once, and the next failure is thrown. */
  stopping: AbortSignal;
  /** Where the warning (every 10th attempt) says it came from. */
  context: Record<string, unknown>;
}

/**
 * Runs `work` again and again in place while it fails only because a dependency is unreachable
 * (`isUnavailableError`: PostgreSQL restarting, a service marked `dependencyUnavailable`). Such a
 * failure says nothing about the messages being handled, and redelivering them would spend their
 * delivery budget; any other failure, or any failure once stopping, is thrown to the caller.
 */
export async function retryWhileUnavailable<T>(work: () => Promise<T>, opts: RetryWhileUnavailableOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (opts.stopping.aborted || !isUnavailableError(err)) throw err;
      if (attempt % 10 === 1) logger.warn('a dependency is unreachable (database or service), holding and retrying', { ...opts.context, attempt, error: redactText(String(err)) });
      opts.holding();
      await sleep(Math.min(opts.pauseMs(attempt), MAX_PAUSE_MS), undefined, { signal: opts.stopping }).catch(() => undefined);
    }
  }
}
