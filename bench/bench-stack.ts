import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { join } from 'node:path';
import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';
import { startStack, uniqueNamespace, type Stack } from '@fleetlic/testing';

/** The OAuth client the bench's own stack seeds, so the bench can set up accounts and tokens. */
const CLIENT = { id: 'bench-client', secret: 'bench-secret-0123456789abcdef' };
const DOMAIN = 'bench.example.com';
export const START_TIME = '2025-01-01T00:00:00Z';

export interface BenchTarget {
  namespace: string;
  databaseUrl: string;
  natsUrl: string;
  /** The gateway API as an admin: status code and parsed body. */
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** An ID token of a virtual account with `licenses` of every entitlement. */
  idToken(licenses: number): Promise<string>;
  /** Service process ids (empty when attached to a running stack). */
  pids(): Record<string, number>;
  stop(): Promise<void>;
}

// Keep-alive connections, enough for every request in flight: connection set-up is not what we measure.
const agent = new Agent({ keepAlive: true, maxSockets: 512 });

function gatewayApi(baseUrl: string, apiKey: string): BenchTarget['api'] {
  return (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { authorization: `Bearer ${apiKey}`, accept: 'application/json' };
      if (payload !== undefined) headers['content-type'] = 'application/json';
      const req = httpRequest(new URL(`/api/v1${path}`, baseUrl), { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text as never });
          }
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
}

/**
 * The stack a benchmark drives: FLEETLIC_URL + FLEETLIC_API_KEY (+ FLEETLIC_ID_TOKEN,
 * FLEETLIC_NAMESPACE, DATABASE_URL) name a running one; otherwise every built service is
 * started with `startStack` in a database of its own (`fleetlic_bench`), so that
 * pg_stat_database counts only this stack's transactions.
 */
export async function openTarget(env: Record<string, string> = {}): Promise<BenchTarget> {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  if (process.env.FLEETLIC_URL && process.env.FLEETLIC_API_KEY) {
    const token = process.env.FLEETLIC_ID_TOKEN;
    return {
      namespace: process.env.FLEETLIC_NAMESPACE ?? 'fleetlic',
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetlic',
      natsUrl,
      api: gatewayApi(process.env.FLEETLIC_URL, process.env.FLEETLIC_API_KEY),
      idToken: async () => {
        if (!token) throw new Error('FLEETLIC_ID_TOKEN is needed to register switches on a running stack');
        return token;
      },
      pids: () => ({}),
      stop: async () => undefined,
    };
  }
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetlic_bench';
  // startStack resolves the infrastructure from these (both set: no testcontainers probe).
  process.env.DATABASE_URL = databaseUrl;
  process.env.NATS_URL = natsUrl;
  const stack = await startStack({
    namespace: uniqueNamespace('bench'),
    // No trace file: it writes every span synchronously (tests read it), which is not how the product
    // runs. Spans are still created, as in production; only the exporter is off (OTEL_TRACES_EXPORTER=none).
    env: { FLEETLIC_CSSM_CLIENT_ID: CLIENT.id, FLEETLIC_CSSM_CLIENT_SECRET: CLIENT.secret, FLEETLIC_TRACE_FILE: '', ...(process.env.BENCH_TRACE_FILE ? { FLEETLIC_TRACE_FILE: process.env.BENCH_TRACE_FILE } : {}), ...env },
    readyTimeoutMs: 120_000,
  });
  const cssm = licenseServer(stack);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stack.stop();
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  return {
    namespace: stack.namespace,
    databaseUrl,
    natsUrl,
    api: gatewayApi(stack.gatewayUrl, stack.keys.admin),
    idToken: (licenses) => cssm.token(licenses),
    pids: () => stack.pids(),
    stop,
  };
}

/** The bench's Smart Account on the stack's license server (admin and account API over HTTPS). */
function licenseServer(stack: Stack) {
  const ca = readFileSync(join(stack.env.FLEETLIC_STATE_DIR, `${stack.namespace}-cloud-ca-current.pem`));
  const send = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request(new URL(path, stack.cssmUrl), { method, headers, ca }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text.startsWith('{') ? JSON.parse(text) : text });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  let bearer: string | undefined;
  const call = async (method: string, path: string, body?: unknown) => {
    if (!bearer) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.id, client_secret: CLIENT.secret }).toString();
      const t = await send('POST', '/oauth2/default/v1/token', { 'content-type': 'application/x-www-form-urlencoded' }, form);
      if (t.status !== 200) throw new Error(`OAuth token: ${t.status} ${JSON.stringify(t.body)}`);
      bearer = t.body.access_token as string;
    }
    const res = await send(method, path, { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', accept: 'application/json' }, body === undefined ? undefined : JSON.stringify(body));
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return {
    async token(licenses: number): Promise<string> {
      const va = `bench-${licenses}`;
      await call('POST', '/admin/api/v1/accounts', { name: 'Bench Customer', domain: DOMAIN }).catch((e: Error) => {
        if (!/409|exist/i.test(e.message)) throw e;
      });
      await call('POST', `/admin/api/v1/accounts/${DOMAIN}/virtual-accounts`, { name: va });
      for (const tag of ENTITLEMENT_TAGS) await call('POST', `/admin/api/v1/accounts/${DOMAIN}/virtual-accounts/${va}/licenses`, { tag, quantity: licenses });
      const res = await call('POST', `/services/api/smart-accounts-and-licensing/v2/accounts/${DOMAIN}/virtual-accounts/${va}/tokens`, {
        description: 'benchmark',
        expiresAfterDays: 365,
        exportControlled: 'Allowed',
      });
      return res.tokenInfo.token as string;
    },
  };
}
