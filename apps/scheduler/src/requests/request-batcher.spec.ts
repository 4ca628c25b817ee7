import { RequestBatcher } from './request-batcher';

describe('RequestBatcher', () => {
  it('gathers concurrent adds into one flush and resolves each after it', async () => {
    const flushed: number[][] = [];
    const b = new RequestBatcher<number>(async (items) => void flushed.push(items), 3);
    await Promise.all([1, 2, 3, 4, 5].map((n) => b.add(n)));
    expect(flushed).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('runs flushes one at a time, in order, and rejects only the poison item of a failed flush', async () => {
    let active = 0;
    let maxActive = 0;
    const seen: number[] = [];
    const b = new RequestBatcher<number>(async (items) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await new Promise((r) => setImmediate(r));
      active--;
      if (items.includes(13)) throw new Error('boom');
      seen.push(...items);
    }, 2);
    const results = await Promise.allSettled([10, 11, 12, 13, 14].map((n) => b.add(n)));
    expect(maxActive).toBe(1);
    // [12, 13] failed as a batch; retried one by one, 12 is applied and only 13 is redelivered.
    expect(seen).toEqual([10, 11, 12, 14]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});
