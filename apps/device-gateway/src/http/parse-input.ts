import type { ZodType } from 'zod';
import type { CommandResult } from '@fleetlic/contracts';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-error';

/** Validates a body or query against its schema; the first problem becomes a 422 naming the field. */
export function parseInput<T>(schema: ZodType<T>, value: unknown, what = 'body'): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.length ? issue.path.join('.') : what;
  throw new GatewayError(GatewayErrorCode.Validation, `${field}: ${issue.message}`, undefined, { field });
}

/**
 * Turns a command's outcome into the answer: nothing for applied, 404/409/422 otherwise. A
 * missing result (the agent did not answer in time) is the platform's failure, hence 503.
 */
export function requireApplied(result: CommandResult | undefined, name: string): void {
  if (!result) throw new GatewayError(GatewayErrorCode.Unavailable, 'the licensing agent did not confirm the command in time; it may still be applied');
  switch (result.outcome) {
    case 'applied':
      return;
    case 'not-found':
      throw GatewayError.notFound(name);
    case 'conflict':
      throw new GatewayError(GatewayErrorCode.Conflict, result.message ?? `switch ${name} conflicts with an existing one`, 409, result.code ? { reason: result.code } : undefined);
    case 'refused':
      throw new GatewayError(result.code ?? GatewayErrorCode.Refused, result.message ?? 'the licensing agent refused the command', 422);
  }
}

/** `?wait=true|1` */
export function isTrue(value: unknown): boolean {
  return value === 'true' || value === '1' || value === '';
}
