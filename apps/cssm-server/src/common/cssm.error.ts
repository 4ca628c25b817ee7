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
  /** The route exists only in the other mode (cloud / onprem). */
  WrongMode = 'WRONG_MODE',
  OnpremAccountNotFound = 'ONPREM_ACCOUNT_NOT_FOUND',
  OnpremAccountExists = 'ONPREM_ACCOUNT_EXISTS',
  /** A sync file that is not YAML of the expected shape. */
  SyncFileMalformed = 'SYNC_FILE_MALFORMED',
  /** A sync file of another On-Prem account (or another On-Prem server) than the one it is given to. */
  SyncWrongAccount = 'SYNC_WRONG_ACCOUNT',
  /** A sync file whose sequence was already processed (old or replayed). */
  SyncReplayed = 'SYNC_REPLAYED',
  /** A response to a request this On-Prem server never issued. */
  SyncSequenceUnknown = 'SYNC_SEQUENCE_UNKNOWN',
  /** The signature does not verify: the file was changed after signing, or signed with another key. */
  SyncSignatureInvalid = 'SYNC_SIGNATURE_INVALID',
  /** Network sync asked for without FLEETLIC_ONPREM_UPSTREAM_URL and client credentials. */
  SyncNotConfigured = 'SYNC_NOT_CONFIGURED',
  /** The cloud server could not be reached or refused the network sync. */
  SyncUpstreamFailed = 'SYNC_UPSTREAM_FAILED',
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
  [CssmErrorCode.WrongMode]: 404,
  [CssmErrorCode.OnpremAccountNotFound]: 404,
  [CssmErrorCode.OnpremAccountExists]: 409,
  [CssmErrorCode.SyncFileMalformed]: 422,
  [CssmErrorCode.SyncWrongAccount]: 409,
  [CssmErrorCode.SyncReplayed]: 409,
  [CssmErrorCode.SyncSequenceUnknown]: 409,
  [CssmErrorCode.SyncSignatureInvalid]: 422,
  [CssmErrorCode.SyncNotConfigured]: 409,
  // The caller's request was fine but the server it depends on failed: 424, not a 5xx (a 5xx is a bug here).
  [CssmErrorCode.SyncUpstreamFailed]: 424,
  [CssmErrorCode.Internal]: 500,
};

/** The license server's one error type; the exception filter renders it as `{ error: { code, message } }`. */
export class CssmError extends FleetlicError<CssmErrorCode> {
  constructor(code: CssmErrorCode, message: string, details?: Record<string, unknown>) {
    super(code, message, STATUS[code], details);
  }
}
