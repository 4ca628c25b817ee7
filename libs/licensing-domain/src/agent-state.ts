import type { AuthorizationStatus, CallhomeConfig, EntitlementUsage, RegistrationStatus } from '@fleetlic/contracts';
import type { CssmRequestKind, EntitlementCompliance } from './agent-io';

/** Instants are epoch milliseconds; the whole state is plain JSON so it can be persisted as is. */
export interface SwitchIdentity {
  pid: string;
  serialNumber: string;
  nxosVersion: string;
}

/** One attempt as `show license status` prints it: `SUCCEEDED on <t>` or `FAILED on <t>` + reason. */
export interface AttemptRecord {
  result: 'SUCCEEDED' | 'FAILED';
  at: number;
  reason?: string;
}

/**
 * Which retry schedule a failure series follows (SPEC §5–§7). `first-authorization` uses the
 * registration schedule; `authorization-expired` is anchored at the deadline.
 */
export type RetrySeriesKind =
  | 'registration'
  | 'first-authorization'
  | 'authorized'
  | 'out-of-compliance'
  | 'authorization-expired'
  | 'id-certificate';

/** A failure series: retry k is planned at retryInstant(kind, t0, k). */
export interface RetrySeries {
  kind: RetrySeriesKind;
  t0: number;
  k: number;
}

/** A message sent to CSSM whose outcome has not been fed back yet. */
export interface PendingRequest {
  requestId: string;
  kind: CssmRequestKind;
  /** The instant the attempt started: the date shown for it and t0 of a failure series. */
  sentAt: number;
  /** A forced re-registration keeps the current registration if it fails. */
  force?: boolean;
}

export interface RegistrationState {
  status: RegistrationStatus;
  smartAccount?: string;
  virtualAccount?: string;
  exportControlled: boolean;
  /** Kept while REGISTERING so that retries can resend it. */
  idToken?: string;
  initial?: AttemptRecord;
  /** Next Registration Attempt, while REGISTERING. */
  nextAttemptAt?: number;
  lastRenewal?: AttemptRecord;
  /** Next Renewal Attempt of the ID certificate. */
  nextRenewalAt?: number;
  renewalPeriodMs?: number;
  certificate?: { notBefore: number; notAfter: number };
}

export interface AuthorizationState {
  status: AuthorizationStatus;
  /** Last successful authorization (AUTHORIZED / OUT OF COMPLIANCE on), or when it expired. */
  since?: number;
  /** A successful authorization answer arrived since the switch last became unregistered. */
  authorizedOnce: boolean;
  lastCommunication?: AttemptRecord;
  nextAttemptAt?: number;
  deadline?: number;
  compliance: EntitlementCompliance[];
}

export interface EvaluationState {
  /** Evaluation used up to consumingSince (or in total while not consuming). */
  usedMs: number;
  /** Consumption runs from this instant; null while not consuming. */
  consumingSince: number | null;
  /** Remaining time (ms) of the last warning emitted, so a warning is never repeated. */
  lastWarningMs: number | null;
  expiredAt?: number;
}

export interface AgentState {
  identity: SwitchIdentity;
  /** `license smart enable`; Smart Licensing is ENABLED when this and a usable Call Home hold. */
  smartLicensingEnabled: boolean;
  callhome: CallhomeConfig | null;
  registration: RegistrationState;
  authorization: AuthorizationState;
  entitlements: EntitlementUsage[];
  evaluation: EvaluationState;
  retries: { registration?: RetrySeries; authorization?: RetrySeries; idCertificate?: RetrySeries };
  pending: PendingRequest[];
  /** Increases with every request; requestId = String(requestSeq), unique per switch. */
  requestSeq: number;
}

export function unregisteredRegistration(): RegistrationState {
  return { status: 'UNREGISTERED', exportControlled: false };
}

/** A new switch: unregistered, full evaluation period, nothing in use. */
export function initialAgentState(identity: SwitchIdentity, _now: number, callhome: CallhomeConfig | null = null): AgentState {
  return {
    identity: { pid: identity.pid, serialNumber: identity.serialNumber, nxosVersion: identity.nxosVersion },
    smartLicensingEnabled: true,
    callhome,
    registration: unregisteredRegistration(),
    authorization: { status: 'EVAL MODE', authorizedOnce: false, compliance: [] },
    entitlements: [],
    evaluation: { usedMs: 0, consumingSince: null, lastWarningMs: null },
    retries: {},
    pending: [],
    requestSeq: 0,
  };
}
