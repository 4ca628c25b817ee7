import { randomUUID } from 'node:crypto';
import { LICENSE_EVENTS, subjects, type LicenseEvent, type SwitchEvent, type SwitchLifecycle, type WakeRequest } from '@fleetlic/contracts';
import { evaluationRemainingMs, type AgentState, type AttemptRecord } from '@fleetlic/licensing-domain';
import type { EventRow, OutboxRow } from '../persistence/switch-step.repository';

const iso = (ms: number | undefined | null) => (ms === undefined || ms === null ? null : new Date(ms).toISOString());

/** The exchange with the license server that an event reports, for the attempts/failures metrics. */
const EXCHANGES: Partial<Record<string, { kind: string; result: 'success' | 'failure' }>> = {
  [LICENSE_EVENTS.AGENT_REG_SUCCESS]: { kind: 'register', result: 'success' },
  [LICENSE_EVENTS.AGENT_REG_FAILED]: { kind: 'register', result: 'failure' },
  [LICENSE_EVENTS.AUTH_RENEW_SUCCESS]: { kind: 'authorize', result: 'success' },
  [LICENSE_EVENTS.AUTH_RENEW_FAILED]: { kind: 'authorize', result: 'failure' },
  [LICENSE_EVENTS.ID_CERT_RENEW_SUCCESS]: { kind: 'renew-id', result: 'success' },
  [LICENSE_EVENTS.ID_CERT_RENEW_FAILED]: { kind: 'renew-id', result: 'failure' },
};

/** The most recent attempt of any kind decides the switch's current failure reason. */
function lastFailureReason(state: AgentState): string | null {
  const attempts = [state.registration.initial, state.registration.lastRenewal, state.authorization.lastCommunication].filter((a): a is AttemptRecord => !!a);
  const latest = attempts.sort((a, b) => b.at - a.at)[0];
  return latest?.result === 'FAILED' ? (latest.reason ?? null) : null;
}

/** What read models (the gateway's fleet projection) need of the state after a step. */
function readModelFields(state: AgentState, now: number): Pick<SwitchEvent, 'deadlineAt' | 'certExpiresAt' | 'evalEndsAt' | 'failureReason'> {
  const consuming = state.evaluation.consumingSince !== null;
  return {
    deadlineAt: iso(state.authorization.deadline),
    certExpiresAt: iso(state.registration.certificate?.notAfter),
    evalEndsAt: consuming ? iso(now + evaluationRemainingMs(state, now)) : null,
    failureReason: lastFailureReason(state),
  };
}

/** Event rows with their outbox messages (`switchEventSchema` without the id the database assigns). */
export function eventRows(ns: string, sw: { id: string; name: string }, state: AgentState, events: LicenseEvent[], now: number, wakeLagSeconds?: number): EventRow[] {
  const s = subjects(ns);
  const fields = readModelFields(state, now);
  let commFailure: string | undefined;
  return events.map((e) => {
    if (e.name === LICENSE_EVENTS.COMM_FAILED) commFailure = typeof e.data.reason === 'string' ? e.data.reason : undefined;
    const exchange = EXCHANGES[e.name] ?? (e.name === LICENSE_EVENTS.AGENT_DEREG_SUCCESS ? { kind: 'deregister', result: e.data.cssmReached === false ? 'failure' : 'success' } : undefined);
    const reason = exchange?.result === 'failure' ? (typeof e.data.reason === 'string' ? e.data.reason : commFailure) : undefined;
    return {
      name: e.name,
      at: e.at,
      severity: e.severity,
      message: e.message,
      data: e.data,
      subject: s.event(sw.id, e.name),
      payload: {
        switchId: sw.id,
        switch: sw.name,
        name: e.name,
        at: e.at,
        severity: e.severity,
        message: e.message,
        data: e.data,
        // The state after the whole step, for read models.
        registration: state.registration.status,
        authorization: state.authorization.status,
        ...fields,
        ...(exchange ? { cssm: { kind: exchange.kind, result: exchange.result as 'success' | 'failure', ...(reason ? { reason } : {}) } } : {}),
        ...(wakeLagSeconds !== undefined ? { wakeLagSeconds } : {}),
      },
    };
  });
}

/**
 * A switch was created or deleted: read models learn of switches that have no SMART_LIC event
 * yet. Written in the transaction that created or deleted the row.
 */
export function lifecycleRow(ns: string, sw: { id: string; name: string }, kind: 'created' | 'deleted', state: AgentState, now: number): OutboxRow {
  const payload: SwitchLifecycle = {
    id: `${kind}:${sw.id}`,
    switchId: sw.id,
    switch: sw.name,
    kind,
    at: new Date(now).toISOString(),
    registration: state.registration.status,
    authorization: state.authorization.status,
  };
  return { subject: subjects(ns).switchLifecycle(sw.id), payload, msg_id: `lifecycle:${kind}:${sw.id}` };
}

/**
 * The wake request for the scheduler when the switch's next wake-up differs from the one last
 * requested (`force` after a wake: the scheduler has consumed the one it delivered).
 */
export function wakeRequestRows(ns: string, switchId: string, previous: number | null, next: number | null, force = false): OutboxRow[] {
  if (next === previous && !(force && next !== null)) return [];
  const payload: WakeRequest = { owner: `agent.${switchId}`, key: 'next', at: next === null ? null : new Date(next).toISOString() };
  // Written once, in one commit: a random id is unique, and the relay republishes the same one.
  return [{ subject: subjects(ns).wakeRequest, payload, msg_id: `agent-wake:${randomUUID()}` }];
}
