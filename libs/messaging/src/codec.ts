import type { ZodType } from 'zod';
import { MessagingError, MessagingErrorCode } from './messaging-error';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(payload: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(payload));
}

/** Parses JSON bytes and validates them; throws MessagingError(InvalidMessage) with a readable reason. */
export function decodeJson<T>(data: Uint8Array, schema?: ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(data));
  } catch {
    throw new MessagingError(MessagingErrorCode.InvalidMessage, 'payload is not JSON');
  }
  return schema ? validate(value, schema) : (value as T);
}

export function validate<T>(value: unknown, schema: ZodType<T>): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.length ? issue.path.join('.') : '(root)';
  throw new MessagingError(MessagingErrorCode.InvalidMessage, `schema: ${path}: ${issue.message}`);
}
