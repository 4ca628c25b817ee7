/** Runs `fn` over `items` with at most `concurrency` calls in flight; rejects on the first failure. */
export async function runPool<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Prints one progress line per `every` completions, so a long run shows it is alive. */
export function progress(label: string, total: number, every = Math.max(1, Math.round(total / 10))) {
  const started = Date.now();
  let done = 0;
  return () => {
    done++;
    if (done % every === 0 || done === total) console.log(`  ${label}: ${done}/${total} (${((done / (Date.now() - started)) * 1000).toFixed(0)}/s)`);
  };
}
