import type { CallhomeConfig, EntitlementUsage, LicenseEvent } from '@fleetlic/contracts';
import type { DomainRefusalCode } from './domain-refusal';

export type CssmRequestKind = 'register' | 'renew-id' | 'authorize' | 'deregister';

/** What the agent must send to CSSM; it builds the message id from the switch id and requestId. */
export interface CssmRequest {
  requestId: string;
  kind: CssmRequestKind;
  idToken?: string;
  entitlements?: EntitlementUsage[];
}

export type EntitlementComplianceStatus = 'AUTHORIZED' | 'OUT OF COMPLIANCE';

export interface EntitlementCompliance {
  tag: string;
  count: number;
  status: EntitlementComplianceStatus;
}

/** CSSM's answer to one request (instants in ms, taken from the server's answer). */
export type CssmAnswer =
  | {
      kind: 'register';
      result: 'success';
      idCertificate: { notBefore: number; notAfter: number };
      renewalPeriodDays: number;
      smartAccount: string;
      virtualAccount: string;
      exportControlled: boolean;
    }
  | {
      kind: 'authorize';
      result: 'success';
      inCompliance: boolean;
      entitlements: EntitlementCompliance[];
      /** End of validity: the Communication Deadline (server time + 90 days). */
      validUntil: number;
      renewalIntervalDays: number;
    }
  | { kind: 'renew-id'; result: 'success'; notAfter: number; notBefore?: number }
  | { kind: 'deregister'; result: 'success' }
  /** CSSM refused the request, e.g. reason 'The ID token has expired'. */
  | { kind: CssmRequestKind; result: 'refused'; code: string; reason: string };

export type AgentInput =
  | { type: 'enable' }
  | { type: 'disable' }
  | { type: 'set-callhome'; callhome: CallhomeConfig }
  | { type: 'register'; idToken: string; force?: boolean }
  | { type: 'deregister' }
  | { type: 'set-usage'; entitlements: { tag: string; count: number }[] }
  | { type: 'renew'; what: 'id' | 'auth' }
  | { type: 'cssm-answer'; requestId: string; answer: CssmAnswer }
  /** A communication failure, `reason` as the switch reports it (CALLHOME_FAILURE_REASONS). */
  | { type: 'cssm-failure'; requestId: string; reason: string }
  | { type: 'wake' };

export type AgentEffect =
  | { type: 'cssm-request'; request: CssmRequest }
  | { type: 'event'; event: LicenseEvent }
  /** The agent refused the command itself; the state is unchanged. */
  | { type: 'refused'; code: DomainRefusalCode; message: string };
