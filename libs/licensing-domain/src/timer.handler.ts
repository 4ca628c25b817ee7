import { EVALUATION_PERIOD_MS } from './evaluation';
import { ev } from './events';
import { HOUR } from './time';
import type { Timer } from './timers';
import { localUnregister, sendRequest, type Ctx } from './transitions';

/** Runs one due timer at its own instant (SPEC §4–§7). */
export function runTimer(ctx: Ctx, timer: Timer): void {
  const s = ctx.s;
  const at = timer.at;
  switch (timer.kind) {
    case 'cert-expiry':
      // SPEC §7: at notAfter the switch is unregistered and resumes its evaluation time.
      ctx.effects.push(ev.certExpired(at));
      localUnregister(ctx, at);
      return;
    case 'auth-deadline': {
      const a = s.authorization;
      a.status = 'AUTHORIZATION EXPIRED';
      a.since = at;
      ctx.effects.push(ev.authExpired(s, at));
      // SPEC §6: a retry planned after D is replaced by the hourly series from D.
      if (a.nextAttemptAt !== undefined && a.nextAttemptAt > at) {
        s.retries.authorization = { kind: 'authorization-expired', t0: at, k: 1 };
        a.nextAttemptAt = at + HOUR;
      }
      return;
    }
    case 'evaluation': {
      const e = s.evaluation;
      if (timer.evaluation.kind === 'warning') {
        e.lastWarningMs = timer.evaluation.thresholdMs;
        ctx.effects.push(ev.evalWarning(at, timer.evaluation.thresholdMs));
        return;
      }
      e.usedMs = EVALUATION_PERIOD_MS;
      e.consumingSince = null;
      e.expiredAt = at;
      if (s.authorization.status === 'EVAL MODE') {
        s.authorization.status = 'EVAL EXPIRED';
        s.authorization.since = at;
      }
      ctx.effects.push(ev.evalExpired(at));
      return;
    }
    case 'cert-renewal':
      sendRequest(ctx, 'renew-id', at);
      return;
    case 'auth-attempt':
      sendRequest(ctx, 'authorize', at);
      return;
    case 'registration-attempt':
      sendRequest(ctx, 'register', at, { idToken: s.registration.idToken });
      return;
  }
}
