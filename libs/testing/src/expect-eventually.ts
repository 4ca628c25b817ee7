export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Retries `fn` until it stops throwing (and returns its result), or the deadline passes; then
 * rethrows the last error, so the failure shows the assertion that never came true.
 */
export async function expectEventually<T>(fn: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 50 }: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() + intervalMs > deadline) throw err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
