import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:https';
import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';
import type { Stack } from '@fleetlic/testing';

export type Role = 'viewer' | 'operator' | 'admin';
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  text: string;
  type: string;
}

/** The instant the simulated clock starts at in these tests (SPEC §12's sample). */
export const START = '2022-06-22T16:15:41Z';
export const DEMO_DOMAIN = 'demo.example.com';
export const CLIENT = { id: 'system-test-client', secret: 'system-test-secret-0123456789' };

/** The stack's environment for tests that assert dates: simulated clock, our OAuth client. */
export const SIMULATED_ENV = {
  FLEETLIC_CLOCK: 'simulated',
  FLEETLIC_START_TIME: START,
  FLEETLIC_CSSM_CLIENT_ID: CLIENT.id,
  FLEETLIC_CSSM_CLIENT_SECRET: CLIENT.secret,
};

/** Calls the gateway as a user with `role` would (or with no key). */
export function gateway(stack: Stack, role: Role | null = 'admin') {
  return async <T = any>(method: string, path: string, opts: { body?: unknown; raw?: string; type?: string; accept?: string } = {}): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
    if (role) headers.authorization = `Bearer ${stack.keys[role]}`;
    let body: string | undefined;
    if (opts.raw !== undefined) {
      headers['content-type'] = opts.type ?? 'text/plain';
      body = opts.raw;
    } else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${stack.gatewayUrl}/api/v1${path}`, { method, headers, body });
    const text = await res.text();
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, text, type, body: type.includes('json') && text ? JSON.parse(text) : (text as T) };
  };
}

/** The license server's account and admin API with the test's OAuth client, trusting its CA. */
export function licenseServer(stack: Stack, baseUrl = stack.cssmUrl, instance = 'cloud') {
  const ca = () => readFileSync(join(stack.env.FLEETLIC_STATE_DIR, `${stack.namespace}-${instance}-ca-current.pem`));
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(new URL(path, baseUrl), { method, headers, ca: ca() }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* keep text */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  let token: string | undefined;
  const call = async (method: string, path: string, body?: unknown) => {
    if (!token) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }).toString();
      const t = await send('POST', '/oauth2/default/v1/token', { 'content-type': 'application/x-www-form-urlencoded' }, form);
      if (t.status !== 200) throw new Error(`OAuth token: ${t.status} ${JSON.stringify(t.body)}`);
      token = t.body.access_token;
    }
    const res = await send(method, path, { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const accounts = '/services/api/smart-accounts-and-licensing';
  return {
    call,
    /** A Smart Account with one virtual account holding `quantity` of each tag (or the given pools). */
    async setUp(va = 'Default', quantity = 100, pools?: Record<string, number>) {
      await call('POST', '/admin/api/v1/accounts', { name: 'Demo Customer', domain: DEMO_DOMAIN }).catch((e: Error) => {
        if (!/409|exist/i.test(e.message)) throw e;
      });
      await call('POST', `/admin/api/v1/accounts/${DEMO_DOMAIN}/virtual-accounts`, { name: va });
      for (const tag of ENTITLEMENT_TAGS) {
        const q = pools ? (pools[tag] ?? 0) : quantity;
        if (q) await call('POST', `/admin/api/v1/accounts/${DEMO_DOMAIN}/virtual-accounts/${va}/licenses`, { tag, quantity: q });
      }
    },
    async token(va = 'Default', opts: { days?: number; uses?: number } = {}): Promise<string> {
      const body = { description: 'system test', expiresAfterDays: opts.days ?? 30, exportControlled: 'Allowed', ...(opts.uses ? { maxUses: opts.uses } : {}) };
      const res = await call('POST', `${accounts}/v2/accounts/${DEMO_DOMAIN}/virtual-accounts/${va}/tokens`, body);
      return res.tokenInfo.token as string;
    },
    revoke: (va: string, token: string) => call('POST', `${accounts}/v2/accounts/${DEMO_DOMAIN}/virtual-accounts/${va}/tokens/revoke`, { tokens: [{ token }] }),
    addLicenses: (va: string, tag: string, quantity: number) => call('POST', `/admin/api/v1/accounts/${DEMO_DOMAIN}/virtual-accounts/${va}/licenses`, { tag, quantity }),
    async pools(va: string): Promise<{ license: string; quantity: number; inUse: number; available: number; status: string }[]> {
      const res = await call('POST', `${accounts}/v1/accounts/${DEMO_DOMAIN}/licenses`, { virtualAccounts: [va], limit: 100, offset: 0 });
      return res.licenses;
    },
  };
}

/** A switch body for POST /switches. */
export function switchBody(name: string, serial: string, extra: Record<string, unknown> = {}) {
  return { name, pid: 'N9K-C93180YC-FX', serialNumber: serial, nxosVersion: '9.3(5)', ...extra };
}
