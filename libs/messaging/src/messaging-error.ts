import { FleetlicError } from '@fleetlic/contracts';

/** Why a messaging operation failed; stable codes a caller can branch on. */
export enum MessagingErrorCode {
  /** A payload (sent or received) does not match its schema. */
  InvalidMessage = 'INVALID_MESSAGE',
  /** Nobody answered a request before its timeout. */
  Timeout = 'TIMEOUT',
  /** No subscriber listens on the request subject (service down or not started). */
  NoResponders = 'NO_RESPONDERS',
  /** The responder answered with an error body `{ error: { code, message } }`. */
  RemoteError = 'REMOTE_ERROR',
  /** JetStream did not acknowledge a publish (stream missing, server unavailable). */
  PublishFailed = 'PUBLISH_FAILED',
  /** The connection is closed or draining. */
  Closed = 'CLOSED',
}

export class MessagingError extends FleetlicError<MessagingErrorCode> {
  constructor(
    code: MessagingErrorCode,
    message: string,
    /** For RemoteError: the code the remote side answered with. */
    readonly remoteCode?: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, code === MessagingErrorCode.InvalidMessage ? 422 : 503);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}
