import { FleetlicError } from '@fleetlic/contracts';

/** Every way an account/admin API call can fail, with the HTTP status it maps to. */
export enum CssmErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  Unauthorized = 'UNAUTHORIZED',
  InvalidClient = 'INVALID_CLIENT',
  UnsupportedGrantType = 'UNSUPPORTED_GRANT_TYPE',
  AccountNotFound = 'ACCOUNT_NOT_FOUND',
  VirtualAccountNotFound = 'VIRTUAL_ACCOUNT_NOT_FOUND',
  TokenNotFound = 'TOKEN_NOT_FOUND',
  DeviceNotFound = 'DEVICE_NOT_FOUND',
  RouteNotFound = 'ROUTE_NOT_FOUND',
  AccountExists = 'ACCOUNT_EXISTS',
  VirtualAccountExists = 'VIRTUAL_ACCOUNT_EXISTS',
  UnknownTag = 'UNKNOWN_TAG',
  InsufficientLicenses = 'INSUFFICIENT_LICENSES',
  Internal = 'INTERNAL',
}

const STATUS: Record<CssmErrorCode, number> = {
  [CssmErrorCode.ValidationFailed]: 422,
  [CssmErrorCode.MalformedJson]: 400,
  [CssmErrorCode.UnsupportedMediaType]: 415,
  [CssmErrorCode.PayloadTooLarge]: 413,
  [CssmErrorCode.Unauthorized]: 401,
  [CssmErrorCode.InvalidClient]: 401,
  [CssmErrorCode.UnsupportedGrantType]: 400,
  [CssmErrorCode.AccountNotFound]: 404,
  [CssmErrorCode.VirtualAccountNotFound]: 404,
  [CssmErrorCode.TokenNotFound]: 404,
  [CssmErrorCode.DeviceNotFound]: 404,
  [CssmErrorCode.RouteNotFound]: 404,
  [CssmErrorCode.AccountExists]: 409,
  [CssmErrorCode.VirtualAccountExists]: 409,
  [CssmErrorCode.UnknownTag]: 422,
  [CssmErrorCode.InsufficientLicenses]: 422,
  [CssmErrorCode.Internal]: 500,
};

/** The license server's one error type; the exception filter renders it as `{ error: { code, message } }`. */
export class CssmError extends FleetlicError<CssmErrorCode> {
  constructor(code: CssmErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, STATUS[code], details);
  }
}
