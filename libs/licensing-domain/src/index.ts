// Public API of the licensing domain: pure rules of Cisco Smart Licensing for Nexus switches.
export { initialAgentState, unregisteredRegistration } from './agent-state';
export type {
  AgentState,
  AttemptRecord,
  AuthorizationState,
  EvaluationState,
  PendingRequest,
  RegistrationState,
  RetrySeries,
  RetrySeriesKind,
  SwitchIdentity,
} from './agent-state';
export type {
  AgentEffect,
  AgentInput,
  CssmAnswer,
  CssmRequest,
  CssmRequestKind,
  EntitlementCompliance,
  EntitlementComplianceStatus,
} from './agent-io';
export { DomainRefusalCode, LicensingDomainError } from './domain-refusal';
export { decide } from './decide';
export type { Decision } from './decide';
export { nextWakeup } from './next-wakeup';
export { retryInstant } from './retry.policy';
export {
  EVALUATION_PERIOD_MS,
  EVAL_WARNING_THRESHOLDS_MS,
  evaluationUsedMs,
  evaluationRemainingMs,
} from './evaluation';
export { smartLicensingEnabled } from './smart-licensing';
export { computeCompliance } from './compliance';
export type { ComplianceReport, PoolInput, UsageInput } from './compliance';
export { parseNxosVersion, compareNxosVersions } from './nxos-version';
export type { NxosVersion } from './nxos-version';
export { platformSupport } from './platform-support';
export type { PlatformSupport } from './platform-support';
export { entitlementName } from './entitlement-names';
export type { LicenseView } from './license-view';
export { renderLicenseStatus } from './show-license-status.renderer';
export { renderLicenseSummary } from './show-license-summary.renderer';
export { renderLicenseUsage } from './show-license-usage.renderer';
export { renderLicenseAll } from './show-license-all.renderer';
export { toLicenseStatusJson } from './license-status-json.mapper';
export type { LicenseStatusJson } from './license-status-json.mapper';
export { parseCallhomeConfig } from './callhome.parser';
export type { ParsedCallhome } from './callhome.parser';
export { renderCallhomeConfig } from './callhome.renderer';
export { parseLicenseStatusText } from './license-status.parser';
export type { ParsedLicenseStatus } from './license-status.parser';
export { diagnoseLive, diagnoseTexts } from './diagnosis';
export type { Diagnosis, Finding, ProblemId } from './diagnosis';
export { formatShowDate, parseShowDate, MINUTE, HOUR, DAY } from './time';
