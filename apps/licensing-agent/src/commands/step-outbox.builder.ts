import { randomUUID } from 'node:crypto';
import { subjects, type LicenseEvent, type WakeRequest } from '@fleetlic/contracts';
import type { AgentState } from '@fleetlic/licensing-domain';
import type { EventRow, OutboxRow } from '../persistence/switch-step.repository';

/** Event rows with their outbox messages (`switchEventSchema` without the id the database assigns). */
export function eventRows(ns: string, sw: { id: string; name: string }, state: AgentState, events: LicenseEvent[]): EventRow[] {
  const s = subjects(ns);
  return events.map((e) => ({
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
    },
  }));
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
