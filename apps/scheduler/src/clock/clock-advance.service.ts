import type { SimulatedClockOwner } from '@fleetlic/clock';
import type { Messaging } from '@fleetlic/messaging';
import { logger } from '@fleetlic/telemetry';
import type { WakeFireLoop } from '../firing/wake-fire.loop';
import type { WakeupStore } from '../persistence/wakeup.store';
import { SchedulerError, SchedulerErrorCode } from '../scheduler.error';
import type { QuietProbe } from './quiet.probe';

export interface AdvanceOptions {
  /** Give up (NOT_QUIET) when the system stays busy this long at one instant. */
  stallMs: number;
}

/** First poll after 2 ms, then ×1.5 up to 20 ms: most steps settle within a few milliseconds. */
const POLL_START_MS = 2;
const POLL_MAX_MS = 20;

/**
 * Moves the simulated time to a target, stopping at every instant a wake-up is due: set the
 * clock there, deliver what is due, wait until the system is quiet (the deliveries' effects,
 * including new wake-ups they request, have settled), repeat. Advances run one at a time.
 */
export class ClockAdvanceService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly clock: SimulatedClockOwner,
    private readonly store: WakeupStore,
    private readonly fire: WakeFireLoop,
    private readonly probe: QuietProbe,
    private readonly messaging: Messaging,
    private readonly opts: AdvanceOptions,
  ) {}

  /** Resolves with the reached instant (= target) once the system is quiet there. */
  advance(target: number): Promise<number> {
    const run = this.queue.then(() => this.run(target));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async run(target: number): Promise<number> {
    if (!this.clock.isOwner) throw new SchedulerError(SchedulerErrorCode.NotClockOwner, 'this scheduler replica does not own the simulated clock; retry');
    if (target < this.clock.now()) {
      throw new SchedulerError(SchedulerErrorCode.ClockInPast, `${iso(target)} is before the current time ${iso(this.clock.now())}`);
    }
    await this.probe.refreshOutboxes();
    let steps = 0;
    for (;;) {
      await this.waitQuiet();
      const next = await this.store.nextAt();
      const now = this.clock.now();
      if (now >= target && (next === undefined || next > target)) break;
      const t = next !== undefined && next <= target ? Math.max(next, now) : target;
      if (t > now) {
        await this.clock.set(t);
        this.messaging.publishCore(`${this.messaging.namespace}.clock.progress`, { now: iso(t), target: iso(target) });
      }
      await this.fire.drain();
      steps++;
    }
    logger.info('clock advanced', { now: iso(this.clock.now()), steps });
    return this.clock.now();
  }

  /** Polls the probe (short, then backing off) until quiet; the stall guard names what is stuck. */
  private async waitQuiet(): Promise<void> {
    const deadline = Date.now() + this.opts.stallMs;
    let delay = POLL_START_MS;
    for (;;) {
      const busy = await this.probe.check(this.clock.now());
      if (!busy.length) return;
      if (Date.now() > deadline) {
        throw new SchedulerError(SchedulerErrorCode.NotQuiet, `the system did not become quiet at ${iso(this.clock.now())} within ${this.opts.stallMs / 1000} s: ${busy.join('; ')}`, { busy });
      }
      // A due row another replica does not take (or a failed publish) is ours to deliver again.
      if (busy.some((b) => b.endsWith('wake-ups due'))) void this.fire.kick();
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(POLL_MAX_MS, delay * 1.5);
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
