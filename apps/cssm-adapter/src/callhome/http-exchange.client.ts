import { request } from 'node:http';
import { Socket } from 'node:net';

/** Larger answers are not a device answer; stop reading rather than buffer without bound. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface PostOptions {
  /** Host header: the URL's authority, as the switch's Call Home sends it. */
  authority: string;
  path: string;
  body: string;
  /** The sender's instant, honoured by the license server like a NATS `Fleetlic-Time`. */
  time?: string;
}

/**
 * One HTTP/1.1 POST over an already connected (and, for https, already verified) socket.
 * Node's HTTP parser does the framing; the socket's lifetime stays with the caller.
 */
export function postOverSocket(socket: Socket, opts: PostOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      Host: opts.authority,
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(opts.body),
      Accept: 'application/json',
      Connection: 'close',
    };
    if (opts.time) headers['Fleetlic-Time'] = opts.time;
    const req = request({ method: 'POST', path: opts.path, headers, createConnection: () => socket });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) return res.destroy(new Error('answer too large'));
        chunks.push(chunk);
      });
      res.once('error', reject);
      res.once('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.end(opts.body);
  });
}
