import { FleetlicError } from '@fleetlic/contracts';

/** Why a scheduler operation failed; the code travels in request/reply error bodies. */
export enum SchedulerErrorCode {
  /** `clock.advance` on a wall clock. */
  RealClock = 'REAL_CLOCK',
  /** An advance target before the current simulated time. */
  ClockInPast = 'CLOCK_IN_PAST',
  /** The advance target could not be read as an ISO instant. */
  BadTarget = 'BAD_TARGET',
  /** This replica does not own the simulated clock (another replica answers). */
  NotClockOwner = 'NOT_CLOCK_OWNER',
  /** The system did not become quiet within the stall guard; the message names what is pending. */
  NotQuiet = 'NOT_QUIET',
  /** The environment is invalid or the schema is not migrated (start-up). */
  Startup = 'STARTUP',
}

const HTTP_STATUS: Record<SchedulerErrorCode, number> = {
  [SchedulerErrorCode.RealClock]: 409,
  [SchedulerErrorCode.ClockInPast]: 422,
  [SchedulerErrorCode.BadTarget]: 422,
  [SchedulerErrorCode.NotClockOwner]: 503,
  [SchedulerErrorCode.NotQuiet]: 503,
  [SchedulerErrorCode.Startup]: 500,
};

export class SchedulerError extends FleetlicError<SchedulerErrorCode> {
  constructor(code: SchedulerErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, HTTP_STATUS[code], details);
  }
}
