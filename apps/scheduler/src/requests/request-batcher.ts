/**
 * Gathers items handed in concurrently (one per consumed message) into batches for one flush
 * each. Flushes run one at a time, so two batches never overtake each other; each `add`
 * resolves or rejects with the flush that carried its item, which is when its message is
 * acknowledged or redelivered.
 */
export class RequestBatcher<T> {
  private pending: { item: T; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private flushing?: Promise<void>;
  private scheduled = false;

  constructor(
    private readonly flush: (items: T[]) => Promise<void>,
    private readonly maxItems = 1000,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate lets the other messages of the same pull reach add() before the flush.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.run().finally(() => {
        this.flushing = undefined;
        if (this.pending.length) this.schedule();
      });
    });
  }

  private async run(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, this.maxItems);
      try {
        await this.flush(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch (err) {
        if (batch.length === 1) {
          batch[0].reject(err);
          continue;
        }
        // One poison item must not fail its neighbours for ever: apply them one by one, in order
        // (last request still wins), so only the bad one is redelivered and in the end dead-lettered.
        for (const p of batch) {
          try {
            await this.flush([p.item]);
            p.resolve();
          } catch (single) {
            p.reject(single);
          }
        }
      }
    }
  }
}
