// Test support: a pure discrete-event simulation of one agent against the CssmModel.
import { decide, nextWakeup, type AgentInput, type AgentState, type CssmRequest } from '../src';
import { DAY, HOUR, MINUTE } from '../src/time';
import { CALLHOME, IDENTITY, T0 } from './agent-harness';
import { CssmModel } from './cssm-model';
import { initialAgentState } from '../src';

export const NO_PATH = 'Fail to send out Call Home HTTP message';

/** `d30+23:00 AUTH_RENEW_FAILED`: an instant as days and hours after T0, and the short event name. */
export function stamp(at: number, name: string): string {
  const ms = at - T0;
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  const m = Math.floor((ms % HOUR) / MINUTE);
  return `d${d}+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')} ${name.replace(/^SMART_LIC-\d-/, '')}`;
}

export class Simulation {
  now = T0;
  state: AgentState = initialAgentState(IDENTITY, T0, CALLHOME);
  readonly cssm = new CssmModel();
  readonly log: string[] = [];
  readonly events: { at: number; name: string; data: Record<string, unknown> }[] = [];
  /** Whether the switch reaches the license server at an instant. */
  reachable: (now: number) => boolean = () => true;

  private apply(input: AgentInput): void {
    const d = decide(this.state, input, this.now);
    this.state = d.state;
    const requests: CssmRequest[] = [];
    for (const e of d.effects) {
      if (e.type === 'event') {
        this.events.push({ at: Date.parse(e.event.at), name: e.event.name, data: e.event.data });
        this.log.push(stamp(Date.parse(e.event.at), e.event.name));
      } else if (e.type === 'cssm-request') requests.push(e.request);
      else this.log.push(`${stamp(this.now, 'REFUSED')} ${e.code}`);
    }
    // On the simulated clock the request, the answer and the commit share one instant (SPEC §0).
    for (const r of requests) {
      if (this.reachable(this.now)) this.apply({ type: 'cssm-answer', requestId: r.requestId, answer: this.cssm.handle(IDENTITY.serialNumber, r, this.now) });
      else this.apply({ type: 'cssm-failure', requestId: r.requestId, reason: NO_PATH });
    }
  }

  command(input: AgentInput): this {
    this.apply(input);
    return this;
  }

  /** Advances the clock to `to`, waking the agent at each of its wake-ups on the way. */
  runUntil(to: number): this {
    for (let t = nextWakeup(this.state); t !== null && t <= to; t = nextWakeup(this.state)) {
      if (t < this.now) throw new Error(`wake-up in the past: ${t} < ${this.now}`);
      this.now = t;
      this.apply({ type: 'wake' });
    }
    this.now = to;
    return this;
  }

  /** A process restart: the agent's state goes through its JSON persistence. */
  restart(): this {
    this.state = JSON.parse(JSON.stringify(this.state)) as AgentState;
    return this;
  }

  day(d: number, h = 0): number {
    return T0 + d * DAY + h * HOUR;
  }
}
