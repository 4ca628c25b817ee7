import { DEVICE_PATHS } from '@fleetlic/contracts';
import { call, Harness, startHarness, TestClock } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

export const DOMAIN = 'acme.example.com';
export const ADMIN = '/admin/api/v1';
const API = '/services/api/smart-accounts-and-licensing';

/** A cloud server and an On-Prem server (its upstream) in one test process, on one clock. */
export interface Pair {
  cloud: Harness;
  onprem: Harness;
  cloudBearer: string;
  onpremBearer: string;
  close(): Promise<void>;
}

export async function startPair(pools: Record<string, number>): Promise<Pair> {
  const clock = new TestClock();
  const cloud = await startHarness('cloud', { clock });
  const cloudBearer = await cloud.bearer(); // also creates test-client / test-secret, the On-Prem's OAuth client
  await cloud.account(DOMAIN, 'Default', pools);
  const onprem = await startHarness('onprem', { clock, onprem: { upstreamUrl: cloud.url, clientId: 'test-client', clientSecret: 'test-secret', syncIntervalMs: 30 * 86_400_000 } });
  const onpremBearer = await onprem.bearer();
  return { cloud, onprem, cloudBearer, onpremBearer, close: async () => void (await Promise.all([onprem.close(), cloud.close()])) };
}

/** Registers the On-Prem account in the cloud, then creates it on the On-Prem server with the key. */
export async function linkAccount(p: Pair, name: string, va = 'Default'): Promise<string> {
  const reg = await call('POST', `${p.cloud.url}${ADMIN}/onprem-accounts`, p.cloudBearer, { name, domain: DOMAIN, virtualAccount: va });
  if (reg.status !== 201) throw new Error(`cloud registration: ${JSON.stringify(reg.body)}`);
  const local = await call('POST', `${p.onprem.url}${ADMIN}/onprem-accounts`, p.onpremBearer, { name, domain: DOMAIN, virtualAccount: va, syncKey: reg.body.syncKey });
  if (local.status !== 201) throw new Error(`On-Prem creation: ${JSON.stringify(local.body)}`);
  return reg.body.syncKey as string;
}

/** Raw text exchange, for YAML files and their headers. */
export async function text(method: string, url: string, bearer: string, body?: string, contentType = 'application/yaml') {
  const res = await fetch(url, { method, headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': contentType } : {}) }, body });
  const raw = await res.text();
  let json: any;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  return { status: res.status, text: raw, json, disposition: res.headers.get('content-disposition') ?? '' };
}

/** Switches registered with the On-Prem server (method 3) with a token of its mirrored VA. */
export async function registerFleet(p: Pair, prefix: string, n: number, entitlements: { tag: string; count: number }[], va = 'Default') {
  const token = await call('POST', `${p.onprem.url}${API}/v2/accounts/${DOMAIN}/virtual-accounts/${va}/tokens`, p.onpremBearer, { expiresAfterDays: 30 });
  const switches: SimulatedSwitch[] = [];
  for (let i = 0; i < n; i++) {
    const s = new SimulatedSwitch(p.onprem.url, 'N9K-C93180YC-FX', `${prefix}${i}`, DEVICE_PATHS.onprem);
    const reg = await s.register(token.body.tokenInfo.token);
    if (reg.body.status !== 'SUCCESS') throw new Error(`register: ${JSON.stringify(reg.body)}`);
    await s.authorize(entitlements);
    switches.push(s);
  }
  return switches;
}

/** Method 4 end to end: download the request, upload it to the cloud, import the response. */
export async function fileSync(p: Pair, account: string) {
  const request = await text('GET', `${p.onprem.url}${ADMIN}/sync/request?account=${account}`, p.onpremBearer);
  const response = await text('POST', `${p.cloud.url}${ADMIN}/sync/file?account=${account}`, p.cloudBearer, request.text);
  const imported = await text('POST', `${p.onprem.url}${ADMIN}/sync/response`, p.onpremBearer, response.text, 'text/yaml');
  return { request, response, imported };
}

export async function cloudPools(p: Pair, va = 'Default'): Promise<Record<string, { purchased: number; inUse: number }>> {
  const res = await call('GET', `${p.cloud.url}${ADMIN}/accounts/${DOMAIN}/virtual-accounts/${va}/licenses`, p.cloudBearer);
  return Object.fromEntries(res.body.licenses.map((l: { tag: string; purchased: number; inUse: number }) => [l.tag, { purchased: l.purchased, inUse: l.inUse }]));
}

export async function accountsOf(h: Harness, bearer: string): Promise<Record<string, any>> {
  const res = await call('GET', `${h.url}${ADMIN}/onprem-accounts`, bearer);
  return Object.fromEntries(res.body.accounts.map((a: { name: string }) => [a.name, a]));
}
