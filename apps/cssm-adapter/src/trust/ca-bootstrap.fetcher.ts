import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { TrustRoots } from '../callhome/trust-anchors.resolver';

/**
 * Fetches `GET <cssmUrl>/admin/api/v1/ca` → `{ current, legacy }` when the roots' files are
 * not on this host (e.g. the adapter runs in another pod). The answer cannot be verified —
 * we do not trust anything yet — so it is a bootstrap only: the files win once present.
 */
export function fetchCaRoots(cssmUrl: string, timeoutMs: number): Promise<TrustRoots> {
  const url = new URL('/admin/api/v1/ca', cssmUrl);
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const req = get(url, { rejectUnauthorized: false, timeout: timeoutMs, headers: { Accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        try {
          if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Partial<TrustRoots>;
          if (typeof body.current !== 'string' || typeof body.legacy !== 'string') throw new Error('no current/legacy PEM');
          resolve({ current: body.current, legacy: body.legacy });
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url.origin} in ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}
