import type { AgentState } from './agent-state';
import { nextEvaluationTimer, type EvaluationTimer } from './evaluation';

/**
 * The agent's timers, all derived from state. The priority is SPEC §0's same-instant order:
 * certificate expiry, authorization deadline, evaluation end (and warnings), certificate
 * renewal, authorization renewal or retry; registration retries come last.
 */
export type Timer =
  | { at: number; priority: 0; kind: 'cert-expiry' }
  | { at: number; priority: 1; kind: 'auth-deadline' }
  | { at: number; priority: 2; kind: 'evaluation'; evaluation: EvaluationTimer }
  | { at: number; priority: 3; kind: 'cert-renewal' }
  | { at: number; priority: 4; kind: 'auth-attempt' }
  | { at: number; priority: 5; kind: 'registration-attempt' };

const AUTHORIZED_STATES = ['AUTHORIZED', 'OUT OF COMPLIANCE', 'NO LICENSES IN USE'];

export function activeTimers(s: AgentState): Timer[] {
  const out: Timer[] = [];
  const reg = s.registration;
  const auth = s.authorization;
  const pending = (kind: string) => s.pending.some((p) => p.kind === kind);
  if (reg.status === 'REGISTERED') {
    if (reg.certificate) out.push({ at: reg.certificate.notAfter, priority: 0, kind: 'cert-expiry' });
    if (auth.deadline !== undefined && AUTHORIZED_STATES.includes(auth.status)) {
      out.push({ at: auth.deadline, priority: 1, kind: 'auth-deadline' });
    }
    if (reg.nextRenewalAt !== undefined && !pending('renew-id')) out.push({ at: reg.nextRenewalAt, priority: 3, kind: 'cert-renewal' });
    if (auth.nextAttemptAt !== undefined && !pending('authorize')) out.push({ at: auth.nextAttemptAt, priority: 4, kind: 'auth-attempt' });
  }
  const evaluation = nextEvaluationTimer(s);
  if (evaluation) out.push({ at: evaluation.at, priority: 2, kind: 'evaluation', evaluation });
  if (reg.status === 'REGISTERING' && reg.nextAttemptAt !== undefined && !pending('register')) {
    out.push({ at: reg.nextAttemptAt, priority: 5, kind: 'registration-attempt' });
  }
  return out;
}

/** The timer to run first: earliest instant, then SPEC §0's order. */
export function firstTimer(s: AgentState): Timer | null {
  let best: Timer | null = null;
  for (const t of activeTimers(s)) {
    if (!best || t.at < best.at || (t.at === best.at && t.priority < best.priority)) best = t;
  }
  return best;
}
