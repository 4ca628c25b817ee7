import { CliError, CliErrorCode } from '../cli-error';
import type { CliConfig } from '../config/cli-config';

export interface RequestOptions {
  body?: unknown;
  /** Raw text body with its content type (Call Home blocks, CSV). */
  text?: { data: string; type: string };
  /** `text`: ask for the NX-OS text (`Accept: text/plain`). */
  accept?: 'json' | 'text';
}

/** The device-gateway API (API.md §1). 4xx → CliError(Refused), unreachable or 5xx → Unreachable. */
export class GatewayClient {
  constructor(private readonly config: CliConfig) {}

  async call<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: opts.accept === 'text' ? 'text/plain' : 'application/json' };
    if (this.config.apiKey) headers.authorization = `Bearer ${this.config.apiKey}`;
    let body: string | undefined;
    if (opts.text) {
      headers['content-type'] = opts.text.type;
      body = opts.text.data;
    } else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const url = `${this.config.gatewayUrl}/api/v1${path}`;
    let res: Response;
    try {
      res = await fetch(url, { method, headers, body });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
      throw new CliError(CliErrorCode.Unreachable, `cannot reach the gateway at ${this.config.gatewayUrl} (${cause}); is it running? (npm start, or set FLEETLIC_URL)`);
    }
    const raw = await res.text();
    if (!res.ok) throw failure(res.status, raw);
    if (opts.accept === 'text') return raw as T;
    return (raw ? JSON.parse(raw) : undefined) as T;
  }
}

export function failure(status: number, raw: string): CliError {
  let code: string | undefined;
  let message = raw.trim() || `HTTP ${status}`;
  try {
    const parsed = JSON.parse(raw) as { error?: { code?: string; message?: string } };
    if (parsed.error) {
      code = parsed.error.code;
      message = parsed.error.message ?? message;
    }
  } catch {
    /* not JSON: keep the text */
  }
  if (status === 401) message += ' (set FLEETLIC_API_KEY, or run npm start to save a key)';
  return new CliError(status >= 500 ? CliErrorCode.Unreachable : CliErrorCode.Refused, message, code);
}

/** `/switches/{name}` with the name escaped. */
export function switchPath(name: string, rest = ''): string {
  return `/switches/${encodeURIComponent(name)}${rest}`;
}
