import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CliError, CliErrorCode } from '../cli-error';
import type { CliConfig } from '../config/cli-config';
import { failure } from './gateway-client';

const ACCOUNT_API = '/services/api/smart-accounts-and-licensing';

export interface CssmResponse {
  status: number;
  text: string;
  /** Content-Disposition, when the server sent a file. */
  disposition?: string;
}

/**
 * The license server's account API (in the shape of Cisco's Smart Accounts API) and its admin
 * API, with an OAuth2 client-credentials token. TLS trusts the CA that server created.
 */
export class CssmClient {
  private token?: string;
  private readonly ca?: Buffer;

  constructor(private readonly config: CliConfig) {
    this.ca = config.caPath ? readFileSync(config.caPath) : undefined;
  }

  account<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    return this.authorized(method, `${ACCOUNT_API}${path}`, body);
  }

  admin<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    return this.authorized(method, `/admin/api/v1${path}`, body);
  }

  private async authorized<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, { 'content-type': 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
    if (res.status >= 400) throw failure(res.status, res.text);
    return (res.text ? JSON.parse(res.text) : undefined) as T;
  }

  /** One request with the bearer token, any body type (the On-Prem sync routes exchange YAML). */
  async request(method: string, path: string, headers: Record<string, string>, body?: string): Promise<CssmResponse> {
    const token = await this.accessToken();
    return this.send(method, path, { authorization: `Bearer ${token}`, ...headers }, body);
  }

  private async accessToken(): Promise<string> {
    if (this.token) return this.token;
    const { cssmClientId: id, cssmClientSecret: secret } = this.config;
    if (!id || !secret) throw new CliError(CliErrorCode.Usage, 'no license server client: set FLEETLIC_CSSM_CLIENT_ID and FLEETLIC_CSSM_CLIENT_SECRET, or run npm start');
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: id, client_secret: secret }).toString();
    const res = await this.send('POST', '/oauth2/default/v1/token', { 'content-type': 'application/x-www-form-urlencoded' }, form);
    if (res.status >= 400) throw failure(res.status, res.text);
    this.token = (JSON.parse(res.text) as { access_token: string }).access_token;
    return this.token;
  }

  /** node:https rather than fetch: fetch cannot be told to trust one extra CA. */
  private send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<CssmResponse> {
    const url = new URL(path, `${this.config.cssmUrl}/`);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = request(url, { method, headers: { accept: 'application/json, application/yaml', ...headers }, ...(this.ca ? { ca: this.ca } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), disposition: res.headers['content-disposition'] }));
        res.on('error', reject);
      });
      req.on('error', (err) => reject(new CliError(CliErrorCode.Unreachable, `cannot reach the license server at ${this.config.cssmUrl}: ${err.message}`)));
      req.end(body);
    });
  }
}
