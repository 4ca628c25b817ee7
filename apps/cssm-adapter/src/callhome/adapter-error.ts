import { AdapterReply, CALLHOME_FAILURE_REASONS, FleetlicError } from '@fleetlic/contracts';

/** The failure kinds of `adapterReplySchema`: what went wrong, for metrics and diagnosis. */
export const ADAPTER_ERROR_CODES = ['NO_PATH', 'DNS', 'TLS', 'UNPARSEABLE', 'HTTP', 'TIMEOUT', 'PROXY', 'CONFIG'] as const;
export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

/**
 * A Call Home exchange that did not produce an answer. `message` is exactly the text a switch
 * prints as its failure reason (SPEC §11), because the agent shows it verbatim; the technical
 * cause (errno, TLS code) is kept apart in `cause` for logs only.
 */
export class AdapterError extends FleetlicError<AdapterErrorCode> {
  constructor(code: AdapterErrorCode, reason: string, readonly causeCode?: string) {
    super(code, reason, 502, causeCode ? { cause: causeCode } : undefined);
  }

  toReply(): AdapterReply {
    return { ok: false, kind: this.code, reason: this.message };
  }

  /** Any failure on the way out (no source path, refused connection, HTTP error, timeout). */
  static sendFailed(code: 'NO_PATH' | 'HTTP' | 'TIMEOUT' | 'PROXY' | 'CONFIG', causeCode?: string): AdapterError {
    return new AdapterError(code, CALLHOME_FAILURE_REASONS.NO_PATH, causeCode);
  }

  static noDns(host: string, causeCode?: string): AdapterError {
    return new AdapterError('DNS', CALLHOME_FAILURE_REASONS.noDnsResponse(host), causeCode);
  }

  static untrusted(causeCode?: string): AdapterError {
    return new AdapterError('TLS', CALLHOME_FAILURE_REASONS.UNTRUSTED_CA, causeCode);
  }

  static unparseable(causeCode?: string): AdapterError {
    return new AdapterError('UNPARSEABLE', CALLHOME_FAILURE_REASONS.UNPARSEABLE, causeCode);
  }
}

/** The errno / OpenSSL code of a Node error, for logs. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : err instanceof Error ? err.message : undefined;
}
