import { LICENSE_EVENTS, severityOf, type LicenseEventName } from '@fleetlic/contracts';
import type { AgentEffect } from './agent-io';
import type { AgentState } from './agent-state';
import { formatShowDate, toIso } from './time';

const CSSM = 'the Cisco Smart Software Manager (CSSM)';

function event(name: LicenseEventName, at: number, message: string, data: Record<string, unknown> = {}): AgentEffect {
  return { type: 'event', event: { name, at: toIso(at), severity: severityOf(name), message, data } };
}

const udi = (s: AgentState) => `udi PID:${s.identity.pid},SN:${s.identity.serialNumber}`;

/** Builders for the events of SPEC §13, worded as a switch logs them. */
export const ev = {
  evalStart: (at: number, remainingMs: number) =>
    event(LICENSE_EVENTS.EVAL_START, at, 'Entering evaluation period', { remainingSeconds: Math.floor(remainingMs / 1000) }),
  evalWarning: (at: number, remainingMs: number) => {
    const text = remainingMs >= 86_400_000 ? `${remainingMs / 86_400_000} days` : `${remainingMs / 3_600_000} hours`;
    return event(LICENSE_EVENTS.EVAL_EXPIRY_WARNING, at, `Evaluation period will expire in ${text}`, {
      remainingSeconds: Math.floor(remainingMs / 1000),
    });
  },
  evalExpired: (at: number) => event(LICENSE_EVENTS.EVAL_EXPIRED, at, 'Evaluation period expired'),
  commFailed: (at: number, reason: string) =>
    event(LICENSE_EVENTS.COMM_FAILED, at, `Communications failure with ${CSSM} : ${reason}`, { reason }),
  commRestored: (at: number) => event(LICENSE_EVENTS.COMM_RESTORED, at, `Communications with ${CSSM} restored`),
  regFailed: (s: AgentState, at: number, reason: string) =>
    event(LICENSE_EVENTS.AGENT_REG_FAILED, at, `Smart Agent for Licensing Registration with ${CSSM} failed: ${reason}`, { reason }),
  regSuccess: (s: AgentState, at: number) =>
    event(LICENSE_EVENTS.AGENT_REG_SUCCESS, at, `Smart Agent for Licensing Registration with ${CSSM} for ${udi(s)}`, {
      smartAccount: s.registration.smartAccount,
      virtualAccount: s.registration.virtualAccount,
    }),
  authSuccess: (s: AgentState, at: number) =>
    event(LICENSE_EVENTS.AUTH_RENEW_SUCCESS, at, `Authorization renewal with ${CSSM}. State=${s.authorization.status} for ${udi(s)}`, {
      status: s.authorization.status,
    }),
  authFailed: (s: AgentState, at: number, reason: string) =>
    event(LICENSE_EVENTS.AUTH_RENEW_FAILED, at, `Authorization renewal with ${CSSM} : ${reason} for ${udi(s)}`, { reason }),
  outOfCompliance: (at: number, tags: string[]) =>
    event(LICENSE_EVENTS.OUT_OF_COMPLIANCE, at, `One or more entitlements are out of compliance: ${tags.join(', ')}`, { tags }),
  authExpired: (s: AgentState, at: number) =>
    event(LICENSE_EVENTS.AUTHORIZATION_EXPIRED, at, `Authorization expired for ${udi(s)}: no successful communication with ${CSSM} before the deadline`),
  certRenewSuccess: (at: number, notAfter: number) =>
    event(LICENSE_EVENTS.ID_CERT_RENEW_SUCCESS, at, `Identity certificate has been successfully renewed. Expiration date: ${formatShowDate(notAfter)}`, {
      notAfter: toIso(notAfter),
    }),
  certRenewFailed: (at: number, reason: string) =>
    event(LICENSE_EVENTS.ID_CERT_RENEW_FAILED, at, `Identity certificate renewal failed: ${reason}`, { reason }),
  certExpired: (at: number) =>
    event(LICENSE_EVENTS.ID_CERT_EXPIRED, at, 'Identity certificate expired. The product instance is no longer registered'),
  deregSuccess: (s: AgentState, at: number, cssmReached: boolean, reason?: string) =>
    event(
      LICENSE_EVENTS.AGENT_DEREG_SUCCESS,
      at,
      cssmReached
        ? `Smart Agent for Licensing De-registration with ${CSSM} was successful for ${udi(s)}`
        : `Smart Agent for Licensing De-registration completed locally for ${udi(s)}; ${CSSM} was not reached`,
      reason ? { cssmReached, reason } : { cssmReached },
    ),
};
