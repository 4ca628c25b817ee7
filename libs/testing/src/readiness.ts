import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

/**
 * Status code of GET `url`. For the test stack's own license server only, the certificate is
 * not verified: it is issued by a CA the server creates at start-up.
 */
export function probeHttp(url: string, timeoutMs = 2_000): Promise<number> {
  const get = url.startsWith('https:') ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}
