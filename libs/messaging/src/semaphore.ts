/** Counts handlers in flight; acquire() waits while all slots are taken. */
export class Semaphore {
  private inFlight = 0;
  private readonly waiters: (() => void)[] = [];
  private idle: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<void> {
    if (this.inFlight < this.size) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) return next(); // the slot passes straight to the waiter
    this.inFlight--;
    if (this.inFlight === 0) for (const done of this.idle.splice(0)) done();
  }

  /** Resolves when nothing is in flight. */
  async drain(): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }
}
