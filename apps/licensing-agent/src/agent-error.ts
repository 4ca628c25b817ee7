import { FleetlicError } from '@fleetlic/contracts';

/** Why the licensing agent could not do its work; stable codes for logs and dead-letter reasons. */
export enum AgentErrorCode {
  /** The committed migrations have not been applied to the agent schema. */
  MigrationsPending = 'MIGRATIONS_PENDING',
  /** The cssm-adapter did not answer (down or overloaded): the command is retried by redelivery. */
  AdapterUnavailable = 'ADAPTER_UNAVAILABLE',
  /** The domain kept asking for CSSM exchanges past a sane bound (a bug guard). */
  ExchangeLoop = 'EXCHANGE_LOOP',
  /** A stored switch record is not what this version of the agent can read. */
  CorruptRecord = 'CORRUPT_RECORD',
}

export class AgentError extends FleetlicError<AgentErrorCode> {
  constructor(code: AgentErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, 503);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
