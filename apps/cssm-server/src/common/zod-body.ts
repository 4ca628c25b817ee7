import { z } from 'zod';
import { CssmError, CssmErrorCode } from './cssm.error';

/** Parses a request body or query with a zod schema; a failure is a 422 naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'body'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : what;
  throw new CssmError(CssmErrorCode.ValidationFailed, `${field}: ${issue.message}`, { field });
}
