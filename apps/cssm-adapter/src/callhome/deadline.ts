import { AdapterError } from './adapter-error';

/**
 * The single Call Home timeout of one exchange. A switch has one timer for the whole message
 * (resolution, connection, TLS and answer together), so every phase draws on the same budget
 * and a phase that overruns fails with the error of that phase.
 */
export class Deadline {
  private readonly endsAt: number;

  constructor(timeoutMs: number) {
    this.endsAt = Date.now() + timeoutMs;
  }

  remaining(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  /**
   * Waits for `work` until the deadline; past it, runs `onTimeout` (to destroy sockets or
   * cancel a query, so nothing lingers) and rejects with `timeoutError()`.
   */
  race<T>(work: Promise<T>, timeoutError: () => AdapterError, onTimeout?: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        onTimeout?.();
        reject(timeoutError());
      }, this.remaining());
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }

  /** Holds until the deadline, then fails: what a switch does when nothing ever answers. */
  hang(timeoutError: () => AdapterError): Promise<never> {
    return this.race(new Promise<never>(() => undefined), timeoutError);
  }
}
