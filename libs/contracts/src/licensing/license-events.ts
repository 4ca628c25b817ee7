/** The SMART_LIC events of SPEC §13, as a switch logs them. */
export const LICENSE_EVENTS = {
  EVAL_START: 'SMART_LIC-5-EVAL_START',
  EVAL_EXPIRY_WARNING: 'SMART_LIC-4-EVAL_EXPIRY_WARNING',
  EVAL_EXPIRED: 'SMART_LIC-3-EVAL_EXPIRED',
  COMM_FAILED: 'SMART_LIC-3-COMM_FAILED',
  COMM_RESTORED: 'SMART_LIC-5-COMM_RESTORED',
  AGENT_REG_FAILED: 'SMART_LIC-3-AGENT_REG_FAILED',
  AGENT_REG_SUCCESS: 'SMART_LIC-6-AGENT_REG_SUCCESS',
  AUTH_RENEW_SUCCESS: 'SMART_LIC-6-AUTH_RENEW_SUCCESS',
  AUTH_RENEW_FAILED: 'SMART_LIC-3-AUTH_RENEW_FAILED',
  OUT_OF_COMPLIANCE: 'SMART_LIC-3-OUT_OF_COMPLIANCE',
  AUTHORIZATION_EXPIRED: 'SMART_LIC-3-AUTHORIZATION_EXPIRED',
  ID_CERT_RENEW_SUCCESS: 'SMART_LIC-6-ID_CERT_RENEW_SUCCESS',
  ID_CERT_RENEW_FAILED: 'SMART_LIC-3-ID_CERT_RENEW_FAILED',
  ID_CERT_EXPIRED: 'SMART_LIC-3-ID_CERT_EXPIRED',
  AGENT_DEREG_SUCCESS: 'SMART_LIC-6-AGENT_DEREG_SUCCESS',
} as const;

export type LicenseEventName = (typeof LICENSE_EVENTS)[keyof typeof LICENSE_EVENTS];
export const LICENSE_EVENT_NAMES = Object.values(LICENSE_EVENTS) as LicenseEventName[];

export type EventSeverity = 'emergency' | 'alert' | 'critical' | 'error' | 'warning' | 'notice' | 'info' | 'debug';

/** Severity from the syslog level in the name: SMART_LIC-3-… is an error, -4- a warning, … */
export function severityOf(name: LicenseEventName): EventSeverity {
  const level = Number(name.split('-')[1]);
  return (['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'] as const)[level];
}

/** An event of one switch, `at` being the (simulated) instant it happened, ISO 8601 UTC. */
export interface LicenseEvent {
  name: LicenseEventName;
  at: string;
  severity: EventSeverity;
  message: string;
  data: Record<string, unknown>;
}
