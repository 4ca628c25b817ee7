import { CALLHOME_FAILURE_REASONS } from '@fleetlic/contracts';
import type { AgentEffect, CssmRequest, CssmRequestKind } from './agent-io';
import { unregisteredRegistration, type AgentState, type RetrySeries, type RetrySeriesKind } from './agent-state';
import { EVALUATION_PERIOD_MS, shouldConsume } from './evaluation';
import { ev } from './events';
import { retryInstant } from './retry.policy';
import { smartLicensingEnabled } from './smart-licensing';

/** The state being decided (a private copy) and the effects produced so far. */
export interface Ctx {
  s: AgentState;
  effects: AgentEffect[];
  /** Applies a communication failure; injected to avoid a module cycle with the outcome handler. */
  fail: (ctx: Ctx, requestId: string, reason: string, now: number) => void;
}

/** Reason used when an attempt falls due while Call Home cannot send anything. */
export const CALLHOME_UNUSABLE_REASON = CALLHOME_FAILURE_REASONS.NO_PATH;

/** Sends one request to CSSM; a newer request of the same kind supersedes an older pending one. */
export function sendRequest(ctx: Ctx, kind: CssmRequestKind, at: number, extra: { idToken?: string; force?: boolean } = {}): void {
  const s = ctx.s;
  s.requestSeq += 1;
  const requestId = String(s.requestSeq);
  s.pending = s.pending.filter((p) => p.kind !== kind);
  s.pending.push({ requestId, kind, sentAt: at, ...(extra.force ? { force: true } : {}) });
  if (kind === 'authorize') s.authorization.nextAttemptAt = undefined;
  if (kind === 'renew-id') s.registration.nextRenewalAt = undefined;
  if (kind === 'register') s.registration.nextAttemptAt = undefined;
  if (!smartLicensingEnabled(s)) {
    // Call Home cannot send: the attempt fails on the switch itself, as a real one would.
    ctx.fail(ctx, requestId, CALLHOME_UNUSABLE_REASON, at);
    return;
  }
  const request: CssmRequest = { requestId, kind };
  if (extra.idToken !== undefined) request.idToken = extra.idToken;
  if (kind === 'authorize') request.entitlements = s.entitlements.map((e) => ({ ...e }));
  ctx.effects.push({ type: 'cssm-request', request });
}

/** Continues a failure series of the same kind, or starts a new one; the retry lands after now. */
export function nextSeries(current: RetrySeries | undefined, kind: RetrySeriesKind, t0: number, now: number): RetrySeries {
  const series = current && current.kind === kind ? { ...current, k: current.k + 1 } : { kind, t0, k: 1 };
  // A late answer (wall clock) skips retries whose instant has already passed.
  while (retryInstant(series.kind, series.t0, series.k) <= now) series.k += 1;
  return series;
}

/** EVAL MODE or EVAL EXPIRED, for a switch that is not (yet) both registered and authorized. */
export function setEvaluationStatus(s: AgentState): void {
  if (s.evaluation.usedMs >= EVALUATION_PERIOD_MS) {
    s.authorization.status = 'EVAL EXPIRED';
    s.authorization.since = s.evaluation.expiredAt;
  } else {
    s.authorization.status = 'EVAL MODE';
    s.authorization.since = undefined;
  }
}

/** Starts or stops evaluation consumption so that it runs exactly when SPEC §4 says. */
export function syncEvaluation(ctx: Ctx, at: number): void {
  const e = ctx.s.evaluation;
  const should = shouldConsume(ctx.s);
  if (should && e.consumingSince === null) {
    e.consumingSince = at;
    ctx.effects.push(ev.evalStart(at, EVALUATION_PERIOD_MS - e.usedMs));
  } else if (!should && e.consumingSince !== null) {
    e.usedMs = Math.min(EVALUATION_PERIOD_MS, e.usedMs + Math.max(0, at - e.consumingSince));
    e.consumingSince = null;
  }
}

/** Back to UNREGISTERED and evaluation (deregistration, certificate expiry, disable). */
export function localUnregister(ctx: Ctx, at: number): void {
  const s = ctx.s;
  s.registration = unregisteredRegistration();
  s.authorization = { status: 'EVAL MODE', authorizedOnce: false, compliance: [] };
  setEvaluationStatus(s);
  s.retries = {};
  s.pending = [];
  syncEvaluation(ctx, at);
}
