import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { expect } from 'vitest';
import { expectEventually, freePort, startStack, type Stack } from '@fleetlic/testing';
import { CLIENT, DEMO_DOMAIN, gateway, SIMULATED_ENV, START, switchBody } from '../../device-gateway/test/support/system-fixture';

// Issue 9 system tests: the stack's license server is the cloud (CSSM); a second cssm-server
// process in `onprem` mode (its own instance, schema and CA) is the SSM On-Prem of a fleet that
// reaches only it (SPEC §10 methods 3 and 4).

export { CLIENT, DEMO_DOMAIN, START };
export const ONPREM = 'cssm-onprem';
export const MINUTE = 60_000;
export const DAY = 86_400_000;
export const T0 = Date.parse(START);
export const iso = (t: number) => new Date(t).toISOString();
export const ADMIN = '/admin/api/v1';
const ACCOUNTS_API = '/services/api/smart-accounts-and-licensing';

/** Fleet size of the scenarios (FLEETLIC_TEST_ONPREM_FLEET overrides, e.g. 100 on a big machine). */
export const FLEET_SIZE = Number(process.env.FLEETLIC_TEST_ONPREM_FLEET ?? 20);

export interface OnpremStack {
  stack: Stack;
  cloud: ServerClient;
  onprem: ServerClient;
  onpremUrl: string;
}

/**
 * Starts the whole stack on the simulated clock plus the On-Prem license server (migrated by the
 * harness). `upstream`: the On-Prem syncs over the network with the stack's license server.
 */
export async function startOnpremStack(opts: { upstream: boolean }): Promise<OnpremStack> {
  // The cloud's port is chosen here so that the On-Prem's FLEETLIC_ONPREM_UPSTREAM_URL can name it.
  const cloudPort = await freePort();
  const onpremPort = await freePort();
  const cloudUrl = `https://127.0.0.1:${cloudPort}`;
  const onpremUrl = `https://127.0.0.1:${onpremPort}`;
  const onpremEnv: Record<string, string> = {
    FLEETLIC_CSSM_MODE: 'onprem',
    FLEETLIC_CSSM_INSTANCE: 'onprem',
    FLEETLIC_CSSM_HTTPS_PORT: String(onpremPort),
    FLEETLIC_CSSM_HTTP_PORT: String(await freePort()),
    ...(opts.upstream ? { FLEETLIC_ONPREM_UPSTREAM_URL: cloudUrl, FLEETLIC_ONPREM_CLIENT_ID: CLIENT.id, FLEETLIC_ONPREM_CLIENT_SECRET: CLIENT.secret } : {}),
  };
  const stack = await startStack({
    env: { ...SIMULATED_ENV, PGOPTIONS: '-c synchronous_commit=off', FLEETLIC_CSSM_HTTPS_PORT: String(cloudPort), FLEETLIC_CSSM_URL: cloudUrl },
    extra: [{ name: ONPREM, script: 'dist/apps/cssm-server/src/main.js', migrate: 'dist/apps/cssm-server/src/migrate.js', env: onpremEnv, ready: { natsHealth: 'cssm-onprem' } }],
  });
  // The On-Prem writes its CA file once its HTTPS listener is up.
  await expectEventually(() => readFileSync(join(stack.env.FLEETLIC_STATE_DIR, `${stack.namespace}-onprem-ca-current.pem`)), { timeoutMs: 30_000, intervalMs: 200 });
  return { stack, cloud: serverClient(stack, cloudUrl, 'cloud'), onprem: serverClient(stack, onpremUrl, 'onprem'), onpremUrl };
}

export interface Answer {
  status: number;
  text: string;
  body: any;
  disposition: string;
}
export type ServerClient = ReturnType<typeof serverClient>;

/** A license server's account and admin APIs over HTTPS (trusting its CA) with the test's OAuth client. */
export function serverClient(stack: Stack, baseUrl: string, instance: 'cloud' | 'onprem') {
  const caFile = join(stack.env.FLEETLIC_STATE_DIR, `${stack.namespace}-${instance}-ca-current.pem`);
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(new URL(path, baseUrl), { method, headers, ca: readFileSync(caFile) }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            /* a YAML file or a page */
          }
          resolve({ status: res.statusCode ?? 0, text, body: parsed, disposition: String(res.headers['content-disposition'] ?? '') });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  let token: string | undefined;
  const bearer = async () => {
    if (!token) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }).toString();
      const t = await send('POST', '/oauth2/default/v1/token', { 'content-type': 'application/x-www-form-urlencoded' }, form);
      if (t.status !== 200) throw new Error(`${instance} OAuth token: ${t.status} ${t.text}`);
      token = t.body.access_token as string;
    }
    return token;
  };
  /** JSON in and out; the status is the caller's to check. */
  const raw = async (method: string, path: string, body?: unknown) =>
    send(method, path, { authorization: `Bearer ${await bearer()}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body === undefined ? undefined : JSON.stringify(body));
  /** JSON in and out; a 4xx/5xx throws with the answer. */
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await raw(method, path, body);
    if (res.status >= 400) throw new Error(`${instance}: ${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  };
  /** A YAML file up or down (sync routes). */
  const yaml = async (method: string, path: string, text?: string, contentType = 'application/yaml') =>
    send(method, path, { authorization: `Bearer ${await bearer()}`, accept: 'application/yaml, application/json', ...(text === undefined ? {} : { 'content-type': contentType }) }, text);
  return {
    url: baseUrl,
    instance,
    raw,
    call,
    yaml,
    /** `{ tag: inUse }` of one VA, through the account API (`POST …/v1/accounts/{domain}/licenses`). */
    async inUse(va: string): Promise<Record<string, number>> {
      const res = await call('POST', `${ACCOUNTS_API}/v1/accounts/${DEMO_DOMAIN}/licenses`, { virtualAccounts: [va], limit: 100, offset: 0 });
      return Object.fromEntries((res.licenses as { licenseTag: string; inUse: number }[]).filter((l) => l.inUse > 0).map((l) => [l.licenseTag, l.inUse]));
    },
    /** The whole pool rows of one VA (quantity, inUse, available, status), by tag. */
    async pools(va: string): Promise<Record<string, unknown>> {
      const res = await call('POST', `${ACCOUNTS_API}/v1/accounts/${DEMO_DOMAIN}/licenses`, { virtualAccounts: [va], limit: 100, offset: 0 });
      return Object.fromEntries((res.licenses as { licenseTag: string }[]).map((l) => [l.licenseTag, l]));
    },
    /** `GET /admin/api/v1/onprem-accounts` by name. */
    async onpremAccounts(): Promise<Record<string, any>> {
      const res = await call('GET', `${ADMIN}/onprem-accounts`);
      return Object.fromEntries((res.accounts as { name: string }[]).map((a) => [a.name, a]));
    },
    async idToken(va: string): Promise<string> {
      const res = await call('POST', `${ACCOUNTS_API}/v2/accounts/${DEMO_DOMAIN}/virtual-accounts/${va}/tokens`, { description: 'issue 9 system test', expiresAfterDays: 30, exportControlled: 'Allowed' });
      return res.tokenInfo.token as string;
    },
  };
}

/** The cloud's Smart Account `Demo Customer` with one VA holding the given pools. */
export async function cloudVa(cloud: ServerClient, va: string, pools: Record<string, number>): Promise<void> {
  const acc = await cloud.raw('POST', `${ADMIN}/accounts`, { name: 'Demo Customer', domain: DEMO_DOMAIN });
  if (acc.status !== 201 && acc.status !== 409) throw new Error(`account: ${acc.status} ${acc.text}`);
  await cloud.call('POST', `${ADMIN}/accounts/${DEMO_DOMAIN}/virtual-accounts`, { name: va });
  for (const [tag, quantity] of Object.entries(pools)) await cloud.call('POST', `${ADMIN}/accounts/${DEMO_DOMAIN}/virtual-accounts/${va}/licenses`, { tag, quantity });
}

/** Method 4 by hand: request from the On-Prem → the cloud's answer → imported by the On-Prem. */
export async function fileSync(s: OnpremStack, account: string) {
  const request = await s.onprem.yaml('GET', `${ADMIN}/sync/request?account=${account}`);
  expect(request.status, request.text).toBe(200);
  const response = await s.cloud.yaml('POST', `${ADMIN}/sync/file?account=${account}`, request.text);
  expect(response.status, response.text).toBe(200);
  const imported = await s.onprem.yaml('POST', `${ADMIN}/sync/response`, response.text);
  expect(imported.status, imported.text).toBe(200);
  return { request, response, imported: imported.body };
}

export type Usage = Record<string, number>;

/** A fleet of switches on the gateway whose Call Home goes to the On-Prem server (method 3), and the usage each declares. */
export class OnpremFleet {
  readonly usage = new Map<string, Usage>();
  private readonly op;

  constructor(
    private readonly s: OnpremStack,
    readonly names: string[],
  ) {
    this.op = gateway(s.stack, 'operator');
  }

  static async create(s: OnpremStack, prefix: string, n: number): Promise<OnpremFleet> {
    const pem = readFileSync(join(s.stack.env.FLEETLIC_STATE_DIR, `${s.stack.namespace}-onprem-ca-current.pem`), 'utf8');
    const callhome = { enabled: true, emailContact: 'noc@example.com', destinationUrl: `${s.onpremUrl}/Transportgateway/services/DeviceRequestHandler`, transportMethod: 'http', vrf: 'management' };
    const network = { interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }], nameServers: {}, hosts: {}, trustAnchors: [pem] };
    const names = Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
    const fleet = new OnpremFleet(s, names);
    await fleet.each(async (name, i) => {
      const res = await fleet.op('POST', '/switches', { body: switchBody(name, `FDO${prefix.toUpperCase()}${String(i).padStart(4, '0')}`, { callhome, network }) });
      expect(res.status, res.text).toBe(201);
    });
    return fleet;
  }

  /** Runs `fn` over the switches, 10 at a time. */
  async each(fn: (name: string, i: number) => Promise<void>, names = this.names): Promise<void> {
    for (let i = 0; i < names.length; i += 10) await Promise.all(names.slice(i, i + 10).map((n, j) => fn(n, i + j)));
  }

  async setUsage(name: string, usage: Usage): Promise<void> {
    const entitlements = Object.entries(usage).map(([tag, count]) => ({ tag, count }));
    const res = await this.op('PUT', `/switches/${name}/license/usage?wait=true`, { body: { entitlements } });
    expect(res.status, res.text).toBe(200);
    this.usage.set(name, usage);
  }

  async register(name: string, idToken: string): Promise<void> {
    const res = await this.op('POST', `/switches/${name}/license/register?wait=true`, { body: { idToken } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.registration.status, res.text).toBe('REGISTERED');
  }

  async deregister(name: string): Promise<void> {
    const res = await this.op('POST', `/switches/${name}/license/deregister?wait=true`);
    expect(res.status, res.text).toBe(200);
    this.usage.delete(name);
  }

  /** The usage the registered switches declare, summed by tag (what the On-Prem should count). */
  total(): Usage {
    const sum: Usage = {};
    for (const u of this.usage.values()) for (const [tag, n] of Object.entries(u)) if (n) sum[tag] = (sum[tag] ?? 0) + n;
    return sum;
  }

  async authorization(name: string): Promise<string> {
    const res = await this.op('GET', `/switches/${name}/license/status`);
    expect(res.status, res.text).toBe(200);
    return res.body.authorization.status as string;
  }

  async expectAllAuthorized(timeoutMs = 30_000): Promise<void> {
    await expectEventually(
      async () => {
        const statuses = await Promise.all([...this.usage.keys()].map(async (n) => [n, await this.authorization(n)] as const));
        expect(statuses.filter(([, st]) => st !== 'AUTHORIZED')).toEqual([]);
      },
      { timeoutMs, intervalMs: 300 },
    );
  }
}

/** POST /clock/advance to an instant: every wake up to it has run and the system is quiet. */
export async function advanceTo(stack: Stack, to: number): Promise<void> {
  const res = await gateway(stack, 'admin')('POST', '/clock/advance', { body: { to: iso(to) } });
  expect(res.status, res.text).toBe(200);
  expect(res.body.now).toBe(iso(to));
}

/**
 * The stack of one On-Prem system test file: started before its tests, stopped after, every
 * process's log printed when a test failed. The returned object is filled in by `beforeAll`.
 */
export function useOnpremStack(opts: { upstream: boolean }): OnpremStack {
  const s = {} as OnpremStack;
  beforeAll(async () => {
    Object.assign(s, await startOnpremStack(opts));
  });
  afterAll(async () => {
    await s.stack?.stop();
  });
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') s.stack?.dumpLogs();
  });
  return s;
}

/** The cloud counts, for the VA, what the On-Prem counts, and that is what the switches use. */
export async function expectCloudEqualsOnprem(s: OnpremStack, fleetTotal: unknown, va: string): Promise<void> {
  const onprem = await s.onprem.inUse(va);
  expect(onprem).toEqual(fleetTotal);
  expect(await s.cloud.inUse(va)).toEqual(onprem);
}
