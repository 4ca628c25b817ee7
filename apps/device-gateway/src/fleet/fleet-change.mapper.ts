import { LICENSE_EVENTS, type SwitchEvent, type SwitchLifecycle } from '@fleetlic/contracts';

/**
 * What one batch of stream messages changes in one switch's projection row. A field left
 * undefined is unknown (keep the row's value); null clears it.
 */
export interface FleetChange {
  switchId: string;
  name: string;
  registration?: string;
  authorization?: string;
  deadlineAt?: string | null;
  certExpiresAt?: string | null;
  evalEndsAt?: string | null;
  failureReason?: string | null;
  /** The agent's event id when numeric (its sequence), for idempotence; null otherwise. */
  eventId: string | null;
  at: string;
  deleted: boolean;
  /**
   * A switch's creation: it fills a row that does not exist yet and never overwrites anything.
   * Redelivered after a restart, it may arrive after the switch's first events, with the same
   * instant on the simulated clock: it must not turn a registered switch back to UNREGISTERED.
   */
  creation: boolean;
}

const FAILURES = new Set<string>([LICENSE_EVENTS.COMM_FAILED, LICENSE_EVENTS.AGENT_REG_FAILED, LICENSE_EVENTS.AUTH_RENEW_FAILED, LICENSE_EVENTS.ID_CERT_RENEW_FAILED]);
const SUCCESSES = new Set<string>([LICENSE_EVENTS.AGENT_REG_SUCCESS, LICENSE_EVENTS.AUTH_RENEW_SUCCESS, LICENSE_EVENTS.COMM_RESTORED, LICENSE_EVENTS.ID_CERT_RENEW_SUCCESS, LICENSE_EVENTS.AGENT_DEREG_SUCCESS]);
const EVAL_COUNTDOWN = new Set<string>([LICENSE_EVENTS.EVAL_START, LICENSE_EVENTS.EVAL_EXPIRY_WARNING]);

const numericId = (id: string) => (/^\d{1,18}$/.test(id) ? id : null);
const plusSeconds = (at: string, s: unknown) => (typeof s === 'number' ? new Date(Date.parse(at) + s * 1000).toISOString() : undefined);

/**
 * The change one SMART_LIC event makes. The agent's explicit fields win; without them the
 * dates and the failure are derived from the event where it says enough (SPEC §13 data), so
 * the projection is useful even before the agent fills the optional fields.
 */
export function changeOfEvent(e: SwitchEvent): FleetChange {
  const registered = e.registration === undefined ? undefined : e.registration === 'REGISTERED';
  const derivedFailure = FAILURES.has(e.name) ? String(e.data.reason ?? e.message) : SUCCESSES.has(e.name) ? null : undefined;
  const derivedCert = e.name === LICENSE_EVENTS.ID_CERT_RENEW_SUCCESS && typeof e.data.notAfter === 'string' ? e.data.notAfter : registered === false ? null : undefined;
  const derivedEval = EVAL_COUNTDOWN.has(e.name) ? plusSeconds(e.at, e.data.remainingSeconds) : e.name === LICENSE_EVENTS.EVAL_EXPIRED || e.authorization === 'AUTHORIZED' ? null : undefined;
  return {
    switchId: e.switchId,
    name: e.switch,
    registration: e.registration,
    authorization: e.authorization,
    deadlineAt: e.deadlineAt !== undefined ? e.deadlineAt : registered === false ? null : undefined,
    certExpiresAt: e.certExpiresAt !== undefined ? e.certExpiresAt : derivedCert,
    evalEndsAt: e.evalEndsAt !== undefined ? e.evalEndsAt : derivedEval,
    failureReason: e.failureReason !== undefined ? e.failureReason : derivedFailure,
    eventId: numericId(e.id),
    at: e.at,
    deleted: false,
    creation: false,
  };
}

export function changeOfLifecycle(l: SwitchLifecycle): FleetChange {
  return { switchId: l.switchId, name: l.switch, registration: l.registration, authorization: l.authorization, eventId: null, at: l.at, deleted: l.kind === 'deleted', creation: l.kind === 'created' };
}

/**
 * Folds a batch (stream order) into one change per switch: a statement may touch a row only
 * once, and later messages of a switch override earlier ones field by field — except a
 * creation, which only ever fills what nothing else said.
 */
export function foldChanges(changes: FleetChange[]): FleetChange[] {
  const bySwitch = new Map<string, FleetChange>();
  for (const c of changes) {
    const prev = bySwitch.get(c.switchId);
    if (!prev) {
      bySwitch.set(c.switchId, { ...c });
      continue;
    }
    if (c.creation) continue;
    const merged: FleetChange = { ...prev };
    for (const [k, v] of Object.entries(c) as [keyof FleetChange, unknown][]) if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
    merged.eventId = maxId(prev.eventId, c.eventId);
    merged.creation = false;
    bySwitch.set(c.switchId, merged);
  }
  return [...bySwitch.values()];
}

function maxId(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}
