/** Why a clock operation failed; stable codes for callers and logs. */
export enum ClockErrorCode {
  /** This process does not hold the lease on the simulated clock. */
  NotOwner = 'CLOCK_NOT_OWNER',
  /** Another writer changed the clock since this owner last wrote it. */
  Conflict = 'CLOCK_CONFLICT',
  /** The simulated clock never goes backwards. */
  Backwards = 'CLOCK_BACKWARDS',
  /** A duration or instant could not be read. */
  BadInput = 'CLOCK_BAD_INPUT',
}

export class ClockError extends Error {
  constructor(
    readonly code: ClockErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClockError';
  }
}
