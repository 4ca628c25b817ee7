import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { clockStateSchema, subjects, type ClockState } from '@fleetlic/contracts';
import type { Clock } from '@fleetlic/clock';
import { MessagingError, MessagingErrorCode, type Messaging } from '@fleetlic/messaging';
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';
import { JobStore } from '../jobs/job-store';
import { CLOCK, MESSAGING } from '../nats/tokens';

const advanceReplySchema = z.object({ now: z.string() });
/** Progress the scheduler publishes while it advances (simulated instant reached so far). */
const progressSchema = z.object({ now: z.string().optional(), at: z.string().optional() }).loose();

/** A year of a whole fleet runs in minutes; a caller who waits is told so in the docs. */
const ADVANCE_TIMEOUT_MS = 30 * 60_000;

/** The time of the system. In simulated mode the scheduler owns it; the gateway only asks. */
@Injectable()
export class ClockService {
  private readonly log = new Logger('ClockService');
  private readonly subjects;

  constructor(
    @Inject(MESSAGING) private readonly messaging: Messaging,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
    private readonly jobs: JobStore,
  ) {
    this.subjects = subjects(env.FLEETLIC_NAMESPACE);
  }

  async state(): Promise<ClockState> {
    if (this.env.FLEETLIC_CLOCK !== 'simulated') return { mode: 'real', now: new Date(this.clock.now()).toISOString() };
    try {
      return await this.messaging.request(this.subjects.clockNow, {}, { schema: clockStateSchema, timeoutMs: 5_000 });
    } catch {
      // The scheduler is the authority, but the KV-backed clock is a faithful reader of it.
      return { mode: 'simulated', now: new Date(this.clock.now()).toISOString() };
    }
  }

  /** Checks the mode and the target (409 real, 422 past) and returns the instants in ms. */
  async target(to: number): Promise<{ from: number; to: number }> {
    const { mode, now } = await this.state();
    if (mode !== 'simulated') throw new GatewayError(GatewayErrorCode.RealClock, 'the clock is real; start the system with FLEETLIC_CLOCK=simulated to advance it');
    const from = Date.parse(now);
    if (to < from) throw new GatewayError(GatewayErrorCode.ClockInPast, `${new Date(to).toISOString()} is before the current time ${now}`);
    return { from, to };
  }

  /** Advances to `to` and resolves once the scheduler reports the system quiet there. */
  async advance(to: number): Promise<{ now: string }> {
    try {
      const reply = await this.messaging.request(this.subjects.clockAdvance, { to: new Date(to).toISOString() }, { schema: advanceReplySchema, timeoutMs: ADVANCE_TIMEOUT_MS });
      // So that the reads that follow (stamped with this gateway's instant) see the new time even
      // before the KV watch of this or any other service has delivered it.
      this.clock.witness(Date.parse(reply.now));
      return { now: reply.now };
    } catch (err) {
      // Only a refusal of the target is the caller's (422, or 409 on a real clock); anything else
      // the scheduler reports (not quiet in time, no clock owner, a database failure) is ours: 503.
      if (err instanceof MessagingError && err.code === MessagingErrorCode.RemoteError) {
        const code = err.remoteCode ?? '';
        if (code === 'CLOCK_IN_PAST' || code === 'BAD_TARGET') throw new GatewayError(code, err.message, 422);
        if (code === 'REAL_CLOCK') throw new GatewayError(GatewayErrorCode.RealClock, err.message, 409);
      }
      throw new GatewayError(GatewayErrorCode.Unavailable, `the scheduler did not complete the advance: ${(err as Error).message}`);
    }
  }

  /** `?wait=false`: a job whose done/total count simulated seconds, fed by `<ns>.clock.progress`. */
  startAdvanceJob(from: number, to: number): string {
    const total = Math.round((to - from) / 1000);
    const job = this.jobs.create('clock-advance', total);
    this.jobs.update(job.id, { state: 'running' });
    const sub = this.messaging.nc.subscribe(`${this.env.FLEETLIC_NAMESPACE}.clock.progress`, {
      callback: (_err, msg) => {
        const parsed = progressSchema.safeParse(safeJson(msg.data));
        const at = parsed.success ? Date.parse(parsed.data.now ?? parsed.data.at ?? '') : NaN;
        if (Number.isFinite(at)) this.jobs.update(job.id, { done: Math.min(total, Math.max(0, Math.round((at - from) / 1000))) });
      },
    });
    void this.advance(to)
      .then(() => this.jobs.update(job.id, { state: 'done', done: total }))
      .catch((err: Error) => {
        this.log.warn(`clock advance job ${job.id} failed: ${err.message}`);
        this.jobs.addError(job.id, { reason: err.message });
        this.jobs.update(job.id, { state: 'failed' });
      })
      .finally(() => sub.unsubscribe());
    return job.id;
  }
}

function safeJson(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(data));
  } catch {
    return undefined;
  }
}
