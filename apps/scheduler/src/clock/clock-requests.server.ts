import type { Subscription } from '@nats-io/nats-core';
import { SimulatedClockOwner, type Clock } from '@fleetlic/clock';
import { clockAdvanceRequestSchema, subjects, type ClockState } from '@fleetlic/contracts';
import type { Messaging } from '@fleetlic/messaging';
import { z } from 'zod';
import { SchedulerError, SchedulerErrorCode } from '../scheduler.error';
import type { ClockAdvanceService } from './clock-advance.service';

/** Queue group of the clock subjects: one replica answers each request. */
const QUEUE = 'scheduler-clock';

/**
 * Answers `<ns>.clock.now` and `<ns>.clock.advance`. On the simulated clock only the replica
 * holding the lease listens, so requests always reach the one replica that may move time; during
 * a hand-over nobody answers for a moment (the gateway falls back to its own clock reader for
 * `now` and reports the advance as unavailable).
 */
export class ClockRequestsServer {
  private subs: Subscription[] = [];
  private unwatch?: () => void;

  constructor(
    private readonly messaging: Messaging,
    private readonly clock: Clock,
    private readonly advance?: ClockAdvanceService,
  ) {}

  start(): void {
    const owner = this.clock instanceof SimulatedClockOwner ? this.clock : undefined;
    if (!owner) return this.listen();
    this.unwatch = owner.onOwnership((owns) => (owns ? this.listen() : this.silence()));
    if (owner.isOwner) this.listen();
  }

  stop(): void {
    this.unwatch?.();
    this.silence();
  }

  private listen(): void {
    if (this.subs.length) return;
    const s = subjects(this.messaging.namespace);
    this.subs = [
      this.messaging.serve(s.clockNow, { queue: QUEUE, schema: z.unknown(), handler: () => this.state() }),
      this.messaging.serve(s.clockAdvance, { queue: QUEUE, schema: clockAdvanceRequestSchema, handler: ({ to }) => this.advanceTo(to) }),
    ];
  }

  private silence(): void {
    for (const sub of this.subs) sub.unsubscribe();
    this.subs = [];
  }

  private state(): ClockState {
    return { mode: this.clock.mode, now: new Date(this.clock.now()).toISOString() };
  }

  private async advanceTo(to: string): Promise<{ now: string }> {
    if (!this.advance) throw new SchedulerError(SchedulerErrorCode.RealClock, 'the clock is real; start the system with FLEETLIC_CLOCK=simulated to advance it');
    const target = Date.parse(to);
    if (!Number.isFinite(target)) throw new SchedulerError(SchedulerErrorCode.BadTarget, `"${to}" is not an ISO 8601 instant`);
    return { now: new Date(await this.advance.advance(target)).toISOString() };
  }
}
