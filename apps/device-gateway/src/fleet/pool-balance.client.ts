import { Inject, Injectable } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { isAbsolute, join, resolve } from 'node:path';
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';

export interface PoolLicense {
  license: string;
  quantity: number;
  inUse: number;
  available: number;
  status: string;
}
export type PoolBalances =
  | { available: true; accounts: { domain: string; virtualAccount: string; licenses: PoolLicense[] }[] }
  | { available: false; reason: string };

const CACHE_MS = 5_000;
const TIMEOUT_MS = 3_000;
const API = '/services/api/smart-accounts-and-licensing';

/**
 * License pools per virtual account, read from the license server's account API as a script
 * written for Cisco's would (OAuth client credentials, then `POST /v1/accounts/{domain}/licenses`).
 * Cached a few seconds: the summary must stay fast and pools change by purchases, not per second.
 * Any failure becomes `{ available: false, reason }` so the summary still answers.
 */
@Injectable()
export class PoolBalanceClient {
  private cached?: { at: number; value: Promise<PoolBalances> };
  private token?: { value: string; until: number };

  constructor(@Inject(GATEWAY_ENV) private readonly env: GatewayEnv) {}

  balances(): Promise<PoolBalances> {
    if (!this.cached || Date.now() - this.cached.at > CACHE_MS) this.cached = { at: Date.now(), value: this.fetchAll() };
    return this.cached.value;
  }

  private async fetchAll(): Promise<PoolBalances> {
    if (!this.env.FLEETLIC_CSSM_CLIENT_ID || !this.env.FLEETLIC_CSSM_CLIENT_SECRET) return { available: false, reason: 'no license server client configured (FLEETLIC_CSSM_CLIENT_ID/SECRET)' };
    try {
      const { accounts } = (await this.call('GET', `${API}/v2/accounts`)) as { accounts: { accountDomain: string }[] };
      const result: Extract<PoolBalances, { available: true }>['accounts'] = [];
      for (const { accountDomain: domain } of accounts) {
        const body = (await this.call('POST', `${API}/v1/accounts/${encodeURIComponent(domain)}/licenses`, { limit: 1000, offset: 0 })) as { licenses: (PoolLicense & { virtualAccount?: string })[] };
        const byVa = new Map<string, PoolLicense[]>();
        for (const l of body.licenses) {
          const va = l.virtualAccount ?? 'Default';
          byVa.set(va, [...(byVa.get(va) ?? []), { license: l.license, quantity: l.quantity, inUse: l.inUse, available: l.available, status: l.status }]);
        }
        for (const [virtualAccount, licenses] of byVa) result.push({ domain, virtualAccount, licenses });
      }
      return { available: true, accounts: result };
    } catch (err) {
      this.token = undefined;
      return { available: false, reason: `the license server's account API did not answer: ${(err as Error).message}` };
    }
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    if (!this.token || this.token.until < Date.now()) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.env.FLEETLIC_CSSM_CLIENT_ID!, client_secret: this.env.FLEETLIC_CSSM_CLIENT_SECRET! }).toString();
      const t = (await this.send('POST', '/oauth2/default/v1/token', { 'content-type': 'application/x-www-form-urlencoded' }, form)) as { access_token: string; expires_in: number };
      this.token = { value: t.access_token, until: Date.now() + (t.expires_in - 60) * 1000 };
    }
    return this.send(method, path, { authorization: `Bearer ${this.token.value}`, 'content-type': 'application/json', accept: 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
  }

  private async send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<unknown> {
    const url = new URL(path, this.env.FLEETLIC_CSSM_URL);
    const ca = url.protocol === 'https:' ? await readFile(this.caPath()).catch(() => undefined) : undefined;
    return new Promise((done, fail) => {
      const req = request(url, { method, headers, ca, timeout: TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          // The status only: an error body could echo the client secret or token.
          if ((res.statusCode ?? 500) >= 400) return fail(new Error(`HTTP ${res.statusCode} for ${method} ${url.pathname}`));
          try {
            done(JSON.parse(text));
          } catch {
            fail(new Error(`not JSON from ${url.pathname}`));
          }
        });
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
      req.on('error', fail);
      req.end(body);
    });
  }

  private caPath(): string {
    const dir = isAbsolute(this.env.FLEETLIC_STATE_DIR) ? this.env.FLEETLIC_STATE_DIR : resolve(process.cwd(), this.env.FLEETLIC_STATE_DIR);
    return join(dir, `${this.env.FLEETLIC_NAMESPACE}-${this.env.FLEETLIC_CSSM_INSTANCE}-ca-current.pem`);
  }
}
