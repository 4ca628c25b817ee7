import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { CliError, CliErrorCode } from '../cli-error';
import type { CliConfig } from '../config/cli-config';
import { failure } from './gateway-client';

export interface SyncReply {
  text: string;
  /** The file name from Content-Disposition, when the server sent a file. */
  fileName?: string;
}

/**
 * The license servers' On-Prem sync routes (`/admin/api/v1/onprem-accounts`, `/sync/...`), which
 * exchange YAML files rather than JSON: hence a client of its own beside CssmClient (same OAuth
 * client credentials, same trust of the server's CA file).
 */
export class CssmSyncClient {
  private token?: string;
  private readonly ca?: Buffer;

  constructor(private readonly config: CliConfig) {
    this.ca = config.caPath ? readFileSync(config.caPath) : undefined;
  }

  async call(method: string, path: string, body?: { text: string; type: string }): Promise<SyncReply> {
    const token = await this.accessToken();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...(body ? { 'content-type': body.type } : {}) };
    const res = await this.send(method, `/admin/api/v1${path}`, headers, body?.text);
    if (res.status >= 400) throw failure(res.status, res.text);
    const fileName = /filename="([^"]+)"/.exec(res.disposition ?? '')?.[1];
    return { text: res.text, ...(fileName ? { fileName } : {}) };
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

  private send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string; disposition?: string }> {
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
