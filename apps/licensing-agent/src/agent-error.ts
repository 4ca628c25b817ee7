import { FleetlicError } from '@fleetlic/contracts';

/** Why the licensing agent could not do its work; stable codes for logs and dead-letter reasons. */
export enum AgentErrorCode {
  /** The committed migrations have not been applied to the agent schema. */
  MigrationsPending = 'MIGRATIONS_PENDING',
  /** The cssm-adapter did not answer (down or overloaded): the message is held and retried until it does. */
  AdapterUnavailable = 'ADAPTER_UNAVAILABLE',
  /** The domain kept asking for CSSM exchanges past a sane bound (a bug guard). */
  ExchangeLoop = 'EXCHANGE_LOOP',
  /** A stored switch record is not what this version of the agent can read. */
  CorruptRecord = 'CORRUPT_RECORD',
}

export class AgentError extends FleetlicError<AgentErrorCode> {
  /**
   * The adapter being down says nothing about the message: the consume loop retries it in place
   * (libs/messaging `isUnavailableError`) instead of spending its deliveries. With 2,000 switches
   * renewing at once, a 2-second adapter restart otherwise exhausted the budget of wakes in flight.
   */
  readonly dependencyUnavailable: boolean;

  constructor(code: AgentErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, 503);
    this.dependencyUnavailable = code === AgentErrorCode.AdapterUnavailable;
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
