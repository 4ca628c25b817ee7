import { FleetlicError } from '@fleetlic/contracts';

/** Every way a gateway request can fail on the caller's side (or the platform's), with its HTTP status. */
export enum GatewayErrorCode {
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  MalformedJson = 'MALFORMED_JSON',
  BadRequest = 'BAD_REQUEST',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  Validation = 'VALIDATION_FAILED',
  UnknownEntitlement = 'UNKNOWN_ENTITLEMENT',
  Conflict = 'CONFLICT',
  Refused = 'REFUSED',
  RealClock = 'CLOCK_NOT_SIMULATED',
  ClockInPast = 'CLOCK_TARGET_IN_PAST',
  Unavailable = 'SERVICE_UNAVAILABLE',
  Internal = 'INTERNAL',
}

const STATUS: Record<GatewayErrorCode, number> = {
  [GatewayErrorCode.Unauthenticated]: 401,
  [GatewayErrorCode.Forbidden]: 403,
  [GatewayErrorCode.NotFound]: 404,
  [GatewayErrorCode.RouteNotFound]: 404,
  [GatewayErrorCode.MalformedJson]: 400,
  [GatewayErrorCode.BadRequest]: 400,
  [GatewayErrorCode.PayloadTooLarge]: 413,
  [GatewayErrorCode.UnsupportedMediaType]: 415,
  [GatewayErrorCode.Validation]: 422,
  [GatewayErrorCode.UnknownEntitlement]: 422,
  [GatewayErrorCode.Conflict]: 409,
  [GatewayErrorCode.Refused]: 422,
  [GatewayErrorCode.RealClock]: 409,
  [GatewayErrorCode.ClockInPast]: 422,
  [GatewayErrorCode.Unavailable]: 503,
  [GatewayErrorCode.Internal]: 500,
};

/**
 * The one error type of the gateway. The filter turns it into `{ error: { code, message } }`
 * with the status of its code; messages never carry tokens or keys.
 */
export class GatewayError extends FleetlicError<string> {
  constructor(code: GatewayErrorCode | string, message: string, httpStatus?: number, details?: Record<string, unknown>) {
    super(code, message, httpStatus ?? STATUS[code as GatewayErrorCode] ?? 422, details);
  }

  static notFound(name: string): GatewayError {
    return new GatewayError(GatewayErrorCode.NotFound, `switch ${name} does not exist`);
  }
}
