import type { AuthorizationStatus } from '@fleetlic/contracts';
import type { CssmAnswer } from './agent-io';
import type { PendingRequest, RetrySeriesKind } from './agent-state';
import { ev } from './events';
import { retryInstant } from './retry.policy';
import { DAY, HOUR } from './time';
import { localUnregister, nextSeries, sendRequest, syncEvaluation, type Ctx } from './transitions';

function takePending(ctx: Ctx, requestId: string): PendingRequest | undefined {
  const p = ctx.s.pending.find((r) => r.requestId === requestId);
  if (p) ctx.s.pending = ctx.s.pending.filter((r) => r !== p);
  return p;
}

/** Which retry schedule an authorization failure follows, from the state it happens in (SPEC §5, §6). */
function authorizationSeriesKind(status: AuthorizationStatus): RetrySeriesKind {
  if (status === 'OUT OF COMPLIANCE') return 'out-of-compliance';
  if (status === 'AUTHORIZATION EXPIRED') return 'authorization-expired';
  if (status === 'AUTHORIZED' || status === 'NO LICENSES IN USE') return 'authorized';
  return 'first-authorization';
}

/** CSSM did not answer: keep state, record the failed attempt, plan the retry (SPEC §5–§7). */
export function applyFailure(ctx: Ctx, requestId: string, reason: string, now: number, refused = false): void {
  const p = takePending(ctx, requestId);
  if (!p) return;
  const s = ctx.s;
  const failed = { result: 'FAILED' as const, at: p.sentAt, reason };
  if (!refused) ctx.effects.push(ev.commFailed(now, reason));
  if (p.kind === 'register') {
    ctx.effects.push(ev.regFailed(s, now, reason));
    if (p.force && s.registration.status === 'REGISTERED') return; // the current registration stays
    s.registration.initial = failed;
    s.retries.registration = nextSeries(s.retries.registration, 'registration', p.sentAt, now);
    const r = s.retries.registration;
    s.registration.nextAttemptAt = retryInstant(r.kind, r.t0, r.k);
  } else if (p.kind === 'authorize') {
    ctx.effects.push(ev.authFailed(s, now, reason));
    const a = s.authorization;
    const kind = authorizationSeriesKind(a.status);
    a.lastCommunication = failed;
    const t0 = kind === 'authorization-expired' ? (a.deadline as number) : p.sentAt;
    s.retries.authorization = nextSeries(s.retries.authorization, kind, t0, now);
    const r = s.retries.authorization;
    a.nextAttemptAt = retryInstant(r.kind, r.t0, r.k);
  } else if (p.kind === 'renew-id') {
    ctx.effects.push(ev.certRenewFailed(now, reason));
    s.registration.lastRenewal = failed;
    s.retries.idCertificate = nextSeries(s.retries.idCertificate, 'id-certificate', p.sentAt, now);
    const r = s.retries.idCertificate;
    s.registration.nextRenewalAt = retryInstant(r.kind, r.t0, r.k);
  } else {
    // SPEC §8: deregistration is local even when CSSM cannot be reached.
    ctx.effects.push(ev.deregSuccess(s, now, refused, reason));
    localUnregister(ctx, now);
  }
}

/** CSSM answered (success or refusal) to a pending request; unknown or stale ids change nothing. */
export function applyAnswer(ctx: Ctx, requestId: string, answer: CssmAnswer, now: number): void {
  const p = ctx.s.pending.find((r) => r.requestId === requestId);
  if (!p || p.kind !== answer.kind) return;
  if (answer.result === 'refused') {
    if (p.kind === 'register') return registerRefused(ctx, p, answer.reason, now);
    return applyFailure(ctx, requestId, answer.reason, now, true);
  }
  takePending(ctx, requestId);
  const s = ctx.s;
  switch (answer.kind) {
    case 'register': {
      const reg = s.registration;
      if (reg.status === 'REGISTERING' && reg.initial?.result === 'FAILED') ctx.effects.push(ev.commRestored(now));
      const renewalPeriodMs = answer.renewalPeriodDays * DAY;
      s.registration = {
        status: 'REGISTERED',
        smartAccount: answer.smartAccount,
        virtualAccount: answer.virtualAccount,
        exportControlled: answer.exportControlled,
        initial: { result: 'SUCCEEDED', at: now },
        nextRenewalAt: now + renewalPeriodMs,
        renewalPeriodMs,
        certificate: { ...answer.idCertificate },
      };
      s.retries = {};
      s.pending = s.pending.filter((r) => r.kind !== 'renew-id');
      ctx.effects.push(ev.regSuccess(s, now));
      // SPEC §5: the first authorization request goes at once.
      sendRequest(ctx, 'authorize', now);
      return;
    }
    case 'authorize': {
      const a = s.authorization;
      if (a.lastCommunication?.result === 'FAILED') ctx.effects.push(ev.commRestored(now));
      const status = !answer.inCompliance ? 'OUT OF COMPLIANCE' : s.entitlements.length ? 'AUTHORIZED' : 'NO LICENSES IN USE';
      s.authorization = {
        status,
        since: now,
        authorizedOnce: true,
        lastCommunication: { result: 'SUCCEEDED', at: now },
        nextAttemptAt: now + (answer.inCompliance ? answer.renewalIntervalDays * DAY : 24 * HOUR),
        deadline: answer.validUntil,
        compliance: answer.entitlements.map((e) => ({ ...e })),
      };
      s.retries.authorization = undefined;
      syncEvaluation(ctx, now);
      ctx.effects.push(ev.authSuccess(s, now));
      if (!answer.inCompliance) {
        const tags = answer.entitlements.filter((e) => e.status === 'OUT OF COMPLIANCE').map((e) => e.tag);
        ctx.effects.push(ev.outOfCompliance(now, tags));
      }
      return;
    }
    case 'renew-id': {
      const reg = s.registration;
      if (reg.lastRenewal?.result === 'FAILED') ctx.effects.push(ev.commRestored(now));
      reg.lastRenewal = { result: 'SUCCEEDED', at: now };
      reg.certificate = { notBefore: answer.notBefore ?? now, notAfter: answer.notAfter };
      reg.nextRenewalAt = now + (reg.renewalPeriodMs ?? 180 * DAY);
      s.retries.idCertificate = undefined;
      ctx.effects.push(ev.certRenewSuccess(now, answer.notAfter));
      return;
    }
    case 'deregister':
      ctx.effects.push(ev.deregSuccess(s, now, true));
      localUnregister(ctx, now);
      return;
  }
}

/** SPEC §5: a refusal ends in REGISTRATION FAILED with CSSM's reason and is not retried. */
function registerRefused(ctx: Ctx, p: PendingRequest, reason: string, now: number): void {
  takePending(ctx, p.requestId);
  const s = ctx.s;
  ctx.effects.push(ev.regFailed(s, now, reason));
  if (p.force && s.registration.status === 'REGISTERED') return;
  s.registration = {
    status: 'UNREGISTERED - REGISTRATION FAILED',
    exportControlled: false,
    initial: { result: 'FAILED', at: p.sentAt, reason },
  };
  s.retries.registration = undefined;
}
