/**
 * The one source of "now" for every service. In production it is the wall clock; in rehearsal
 * (`FLEETLIC_CLOCK=simulated`) it is an instant the scheduler owns and publishes in NATS KV.
 */
export interface Clock {
  readonly mode: 'real' | 'simulated';
  /** The current instant, epoch milliseconds. */
  now(): number;
  /**
   * The instant at which to act on a message stamped `headerTime` (its `Fleetlic-Time`): the
   * later of the two, so that no one acts on a time older than the message that triggered it.
   */
  at(headerTime?: number): number;
  /**
   * An instant the clock's owner has confirmed reaching (the reply to an advance): this reader
   * never answers an earlier one afterwards, even before its KV watch has caught up.
   */
  witness(instant: number): void;
  close(): Promise<void>;
}

/** max(now, header), ignoring a missing or unparseable header. */
export function laterOf(now: number, headerTime?: number): number {
  return headerTime !== undefined && Number.isFinite(headerTime) && headerTime > now ? headerTime : now;
}

/** The wall clock. */
export class RealClock implements Clock {
  readonly mode = 'real' as const;

  now(): number {
    return Date.now();
  }

  at(headerTime?: number): number {
    return laterOf(this.now(), headerTime);
  }

  witness(): void {}

  async close(): Promise<void> {}
}
