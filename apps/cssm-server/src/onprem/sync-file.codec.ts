import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { CssmError, CssmErrorCode } from '../common/cssm.error';

/** The file name Cisco's On-Prem gives a sync request: `license-sync-request-<account>_<yyyymmdd>-<n>.yml`. */
export function syncRequestFileName(account: string, at: number, sequence: number): string {
  return `license-sync-request-${account}_${new Date(at).toISOString().slice(0, 10).replace(/-/g, '')}-${sequence}.yml`;
}

export function syncResponseFileName(account: string, at: number, sequence: number): string {
  return `license-sync-response-${account}_${new Date(at).toISOString().slice(0, 10).replace(/-/g, '')}-${sequence}.yml`;
}

/** YAML of a sync document; read back with the core schema, times stay strings (no YAML 1.1 timestamps). */
export function encodeSyncFile(document: object): string {
  return stringify(document, { lineWidth: 0 });
}

/**
 * Reads an uploaded sync file (YAML; JSON is YAML too). Anything unreadable or of the wrong
 * shape is refused with the field at fault, before anything is looked up or changed.
 */
export function decodeSyncFile<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = parse(body, { schema: 'core', maxAliasCount: 0 });
    } catch (error) {
      throw new CssmError(CssmErrorCode.SyncFileMalformed, `The ${what} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  if (value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)) {
    throw new CssmError(CssmErrorCode.SyncFileMalformed, `Send the ${what} as the request body (Content-Type: application/yaml)`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CssmError(CssmErrorCode.SyncFileMalformed, `The ${what} is not a valid sync file: ${issue.path.join('.') || 'file'}: ${issue.message}`, { field: issue.path.join('.') });
  }
  return result.data;
}
