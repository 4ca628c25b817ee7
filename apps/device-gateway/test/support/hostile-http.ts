import { Agent, request } from 'node:http';
import fc from 'fast-check';

/** One generated request against the gateway. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface FuzzAnswer {
  status: number;
  text: string;
  type: string;
}

/** One keep-alive agent per test file: 10,000 requests must not open 10,000 sockets. */
export const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });

/**
 * Sends one request with node:http (not fetch, which normalises `..` and rejects some bytes),
 * reading at most 1 MB of the answer; a server-sent event stream is closed once its status is
 * known. A client-side refusal (e.g. a header Node will not send) resolves to status 0.
 */
export function send(base: string, r: FuzzRequest, timeoutMs = 30_000): Promise<FuzzAnswer> {
  return new Promise((resolve) => {
    let req;
    try {
      const url = new URL(base);
      // An explicit length: Node sends a GET/DELETE body without one (no chunking for those
      // methods), and the bytes would then be read as the next request on the kept-alive socket.
      const headers = r.body === undefined ? r.headers : { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) };
      req = request({ host: url.hostname, port: url.port, method: r.method, path: r.path, headers, agent: keepAlive, timeout: timeoutMs }, (res) => {
        const type = String(res.headers['content-type'] ?? '');
        if (type.includes('event-stream')) {
          res.destroy();
          return resolve({ status: res.statusCode ?? 0, text: '', type });
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 1 << 20) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), type }));
        res.on('error', () => resolve({ status: res.statusCode ?? -1, text: '', type }));
      });
    } catch {
      return resolve({ status: 0, text: '', type: '' });
    }
    // A timeout or a reset is a failure of the server (status -1), not of the generator.
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ status: err.code === 'ERR_INVALID_CHAR' || err.code === 'ERR_UNESCAPED_CHARACTERS' ? 0 : -1, text: String(err), type: '' }));
    req.end(r.body);
  });
}

/** Runs `jobs` with at most `concurrency` in flight, in order of start. */
export async function pool<T, R>(items: T[], concurrency: number, job: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await job(items[i], i);
      }
    }),
  );
  return out;
}

/** Every route of API.md §1 (and the open ones), `{name}`/`{job}` filled by the generator. */
export const ROUTES: [string, string][] = [
  ['POST', '/api/v1/switches'],
  ['POST', '/api/v1/switches:import'],
  ['GET', '/api/v1/jobs/{job}'],
  ['GET', '/api/v1/switches'],
  ['GET', '/api/v1/switches/{name}'],
  ['DELETE', '/api/v1/switches/{name}'],
  ['PUT', '/api/v1/switches/{name}/callhome'],
  ['PUT', '/api/v1/switches/{name}/network'],
  ['PUT', '/api/v1/switches/{name}/license/usage'],
  ['POST', '/api/v1/switches/{name}/license/register'],
  ['POST', '/api/v1/switches/{name}/license/deregister'],
  ['POST', '/api/v1/switches/{name}/license/renew'],
  ['GET', '/api/v1/switches/{name}/license/status'],
  ['GET', '/api/v1/switches/{name}/license/summary'],
  ['GET', '/api/v1/switches/{name}/license/usage'],
  ['GET', '/api/v1/switches/{name}/license/all'],
  ['GET', '/api/v1/switches/{name}/events'],
  ['GET', '/api/v1/events/stream'],
  ['GET', '/api/v1/switches/{name}/diagnosis'],
  ['POST', '/api/v1/diagnose'],
  ['GET', '/api/v1/fleet/summary'],
  ['POST', '/api/v1/fleet/register'],
  ['GET', '/api/v1/clock'],
  ['POST', '/api/v1/clock/advance'],
  ['GET', '/health'],
  ['GET', '/metrics'],
  ['GET', '/docs'],
];

const odd = fc.constantFrom('..', '.', '%2e%2e', '%00', '%ff', '%', '%%', 'a%2Fb', '*', '>', 'a b', '%E2%80%AE', '😀', "'; DROP TABLE x;--", '{name}', ' ', '-', '_');
/** Names: valid, unknown, odd bytes, very long, unicode (percent-encoded as a client would). */
const name = (known: string[]) =>
  fc.oneof(
    fc.constantFrom(...known),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/),
    odd,
    fc.string({ unit: 'grapheme', maxLength: 40 }).map(encodeURIComponent),
    fc.integer({ min: 65, max: 5000 }).map((n) => 'x'.repeat(n)),
  );
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?wait=true', '?wait=false', '?wait=maybe', '?limit=-1', '?limit=abc', '?limit=1000000', '?limit=1e3', '?cursor=%00%ff', '?cursor=' + 'A'.repeat(3000), '?since=not-a-date', '?since=9999-99-99', '?registration=BOGUS', '?name=x&name=y', '?limit=1&limit=2', '?__proto__=1', '?constructor[prototype][x]=1'),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }), { maxKeys: 3 }).map((d) => '?' + new URLSearchParams(d).toString()),
);
const deep = fc.integer({ min: 10, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n));
const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.anything({ maxDepth: 3 }).map((v) => {
    try {
      return JSON.stringify(v) ?? 'undefined';
    } catch {
      return '{';
    }
  }),
  deep,
  fc.constantFrom('{', '}', '[1,', '"', 'null', 'true', '0', '-0', '1e999', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '\u0000', '\ufeff{}', '{"a":1,"a":2}'),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => JSON.stringify({ name: 'y'.repeat(n) })),
);
/** Near-valid bodies: the documented shapes with one field of a wrong type or value. */
const wrongValue = fc.oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.array(fc.integer(), { maxLength: 3 }), fc.object({ maxDepth: 2 }), fc.constant('z'.repeat(70_000)));
const nearValid = fc
  .tuple(
    fc.constantFrom<Record<string, unknown>>(
      { name: 'fz-new', pid: 'N9K-C93180YC-FX', serialNumber: 'FZ0000001', nxosVersion: '9.3(5)' },
      { entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] },
      { idToken: 'not-a-token', force: true },
      { what: 'auth' },
      { by: 'P30D' },
      { to: '2030-01-01T00:00:00Z' },
      { runningConfigCallhome: 'callhome\n  enable\n', licenseStatus: 'Smart Licensing is ENABLED' },
      { idToken: 'x', filter: { registration: 'UNREGISTERED', names: ['a'] } },
      { enabled: true, emailContact: 'a@b.c', destinationUrl: 'https://x', transportMethod: 'http', vrf: 'management' },
      { interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }], nameServers: {}, hosts: {}, trustAnchors: ['current'] },
    ),
    fc.string({ maxLength: 20 }),
    wrongValue,
  )
  .map(([base, key, value]) => {
    const keys = Object.keys(base);
    const k = key && key.length % 2 ? key : keys[key.length % keys.length];
    return JSON.stringify({ ...base, [k]: value });
  });
const csv = fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 5 }), { maxLength: 20 }).map((rows) => ['name,pid,serialNumber,nxosVersion', ...rows.map((r) => r.join(','))].join('\n'));
const body = fc.option(fc.oneof(jsonish, nearValid, csv, fc.string({ unit: 'grapheme', maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b))), { nil: undefined, freq: 6 });
const contentType = fc.option(
  fc.constantFrom('application/json', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream', 'garbage', '*/*', 'application/merge-patch+json'),
  { nil: undefined },
);
/** Printable ASCII only: Node itself refuses other header bytes, so they would never be sent. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 200 });

export type KeyChoice = 'none' | 'wrong' | 'viewer' | 'operator' | 'admin';

export function requestArbitrary(opts: { keys: Record<'viewer' | 'operator' | 'admin', string>; names: string[] }) {
  return fc
    .record({
      route: fc.constantFrom(...ROUTES),
      method: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), { nil: undefined, freq: 3 }),
      name: name(opts.names),
      job: fc.oneof(fc.uuid(), odd, fc.string({ maxLength: 30 }).map(encodeURIComponent)),
      query,
      suffix: fc.option(fc.constantFrom('/', '//', '/x', '/..', '?', '#frag', ';x=1', '.json'), { nil: '', freq: 8 }),
      key: fc.constantFrom<KeyChoice>('none', 'wrong', 'viewer', 'operator', 'admin'),
      authScheme: fc.constantFrom('Bearer ', 'Bearer ', 'Bearer ', 'bearer ', 'Basic ', '', 'Bearer  '),
      body,
      contentType,
      accept: fc.option(fc.constantFrom('text/plain', 'application/json', '*/*', 'text/html', 'garbage', 'text/event-stream'), { nil: undefined }),
      extra: fc.dictionary(fc.constantFrom('x-forwarded-for', 'x-http-method-override', 'fleetlic-time', 'traceparent', 'cookie', 'x-anything', 'content-encoding', 'transfer-encoding-x'), headerText, { maxKeys: 3 }),
    })
    .map((g): FuzzRequest & { key: KeyChoice } => {
      const path = g.route[1].replace('{name}', g.name).replace('{job}', g.job) + g.suffix + g.query;
      const headers: Record<string, string> = { ...g.extra };
      const key = g.key === 'none' ? undefined : g.key === 'wrong' ? 'wrong-key-0000' : opts.keys[g.key];
      if (key) headers.authorization = g.authScheme + key;
      if (g.contentType) headers['content-type'] = g.contentType;
      if (g.accept) headers.accept = g.accept;
      return { method: g.method ?? g.route[0], path, headers, body: g.body, key: g.key };
    });
}
