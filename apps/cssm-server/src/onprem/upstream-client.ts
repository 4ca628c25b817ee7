import { HEADERS } from '@fleetlic/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join, resolve } from 'node:path';
import { CssmError, CssmErrorCode } from '../common/cssm.error';
import { CSSM_CONFIG, CssmConfig, OnpremSyncConfig } from '../common/injection-tokens';

interface Reply {
  status: number;
  text: string;
}

/**
 * onprem: the cloud server's admin API over HTTPS, with an OAuth client-credentials token
 * (FLEETLIC_ONPREM_CLIENT_ID/SECRET), trusting the cloud CA file `<stateDir>/<ns>-cloud-ca-current.pem`
 * (node:https, because fetch cannot be told to trust one extra CA). Read afresh on each call, so a
 * rotation of the cloud CA is picked up without a restart.
 */
@Injectable()
export class UpstreamClient {
  constructor(@Inject(CSSM_CONFIG) private readonly config: CssmConfig) {}

  get configured(): boolean {
    const o = this.config.onprem;
    return Boolean(o?.upstreamUrl && o.clientId && o.clientSecret);
  }

  /** Sends a sync request file and returns the cloud's response file (YAML). */
  async syncFile(account: string, yaml: string, at: number): Promise<string> {
    const reply = await this.authorized('POST', `/admin/api/v1/sync/file?account=${encodeURIComponent(account)}`, 'application/yaml', yaml, at);
    return reply.text;
  }

  /** Registers an On-Prem account in the cloud's VA and returns its sync key. */
  async registerAccount(name: string, domain: string, virtualAccount: string, at: number): Promise<string> {
    const reply = await this.authorized('POST', '/admin/api/v1/onprem-accounts', 'application/json', JSON.stringify({ name, domain, virtualAccount }), at);
    return (JSON.parse(reply.text) as { syncKey: string }).syncKey;
  }

  private async authorized(method: string, path: string, contentType: string, body: string, at: number): Promise<Reply> {
    const o = this.assertConfigured();
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: o.clientId!, client_secret: o.clientSecret! }).toString();
    const token = await this.send('POST', '/oauth2/default/v1/token', { 'content-type': 'application/x-www-form-urlencoded' }, form);
    const accessToken = (JSON.parse(token.text) as { access_token: string }).access_token;
    return this.send(method, path, { authorization: `Bearer ${accessToken}`, 'content-type': contentType, [HEADERS.time]: new Date(at).toISOString() }, body);
  }

  /** The cloud server's settings, or the reason network sync cannot run. */
  assertConfigured(): OnpremSyncConfig {
    if (!this.configured) {
      throw new CssmError(CssmErrorCode.SyncNotConfigured, 'Network sync needs FLEETLIC_ONPREM_UPSTREAM_URL, FLEETLIC_ONPREM_CLIENT_ID and FLEETLIC_ONPREM_CLIENT_SECRET; use the file sync otherwise');
    }
    return this.config.onprem!;
  }

  private send(method: string, path: string, headers: Record<string, string>, body: string): Promise<Reply> {
    const url = new URL(path, `${this.assertConfigured().upstreamUrl}/`);
    const caFile = resolve(join(this.config.stateDir, `${this.config.namespace}-cloud-ca-current.pem`));
    const ca = url.protocol === 'https:' && existsSync(caFile) ? readFileSync(caFile) : undefined;
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const fail = (why: string) => new CssmError(CssmErrorCode.SyncUpstreamFailed, `Network sync with the cloud server ${url.origin} failed: ${why}`);
    return new Promise<Reply>((done, reject) => {
      const req = request(url, { method, headers: { accept: 'application/json, application/yaml', ...headers }, timeout: 30_000, ...(ca ? { ca } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => reject(fail(e.message)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) < 400) return done({ status: res.statusCode ?? 0, text });
          reject(fail(`${res.statusCode} ${cloudMessage(text)}`));
        });
      });
      req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
      req.on('error', (e) => reject(fail(e.message)));
      req.end(body);
    });
  }
}

function cloudMessage(text: string): string {
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    return e ? `${e.code}: ${e.message}` : text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
