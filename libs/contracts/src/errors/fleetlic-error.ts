/**
 * Base of every feature's error type: a stable code (for machines and the API's
 * `{ error: { code, message } }`), a message a person can act on, and the HTTP status it maps to.
 * Messages never contain secrets (ID tokens, keys).
 */
export class FleetlicError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly httpStatus = 422,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The body of every error answer of the HTTP APIs. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
