import { RequestError, TimeoutError } from '@nats-io/nats-core';
import { redactText } from '@fleetlic/telemetry';
import { MessagingError, MessagingErrorCode } from './messaging-error';

/** The error answer of a request/reply service (same shape as the HTTP APIs' error body). */
export interface ErrorReply {
  error: { code: string; message: string };
}

export function isErrorReply(body: unknown): body is ErrorReply {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof e === 'object' && e !== null && typeof e.code === 'string' && typeof e.message === 'string';
}

/** What a service answers when its handler threw: the error's own code when it has one. */
export function errorReply(err: unknown): ErrorReply {
  const code = (err as { code?: unknown } | null)?.code;
  return { error: { code: typeof code === 'string' ? code : 'INTERNAL', message: redactText(err instanceof Error ? err.message : String(err)) } };
}

/** Maps a failed nats.js request to a MessagingError a caller can branch on. */
export function requestFailure(subject: string, err: unknown): MessagingError {
  if (err instanceof RequestError && err.isNoResponders()) return new MessagingError(MessagingErrorCode.NoResponders, `no service answers ${subject}`, undefined, { cause: err });
  if (err instanceof TimeoutError || (err instanceof RequestError && err.cause instanceof TimeoutError)) return new MessagingError(MessagingErrorCode.Timeout, `no answer on ${subject} in time`, undefined, { cause: err });
  return new MessagingError(MessagingErrorCode.Closed, `request on ${subject} failed: ${String(err)}`, undefined, { cause: err });
}
