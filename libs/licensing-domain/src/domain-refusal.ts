/** Why the agent refuses a command itself, before any message is sent (API.md: 422). */
export enum DomainRefusalCode {
  SMART_LICENSING_DISABLED = 'SMART_LICENSING_DISABLED',
  UNSUPPORTED_PLATFORM = 'UNSUPPORTED_PLATFORM',
  UNSUPPORTED_RELEASE = 'UNSUPPORTED_RELEASE',
  EMPTY_ID_TOKEN = 'EMPTY_ID_TOKEN',
  ALREADY_REGISTERED = 'ALREADY_REGISTERED',
  NOT_REGISTERED = 'NOT_REGISTERED',
  UNKNOWN_ENTITLEMENT = 'UNKNOWN_ENTITLEMENT',
  INVALID_USAGE = 'INVALID_USAGE',
  INVALID_INPUT = 'INVALID_INPUT',
}

/** The one error type of the lib: a command the agent refuses; decide turns it into a `refused` effect. */
export class LicensingDomainError extends Error {
  constructor(
    readonly code: DomainRefusalCode,
    message: string,
  ) {
    super(message);
    this.name = 'LicensingDomainError';
  }
}
