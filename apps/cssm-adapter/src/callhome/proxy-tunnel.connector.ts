import { Socket } from 'node:net';
import { AdapterError } from './adapter-error';

const MAX_PROXY_HEADER = 16 * 1024;

/**
 * Asks an HTTP proxy for a CONNECT tunnel to `host:port` over an open socket (method 2,
 * `transport http proxy server … enable`). The proxy resolves the destination name, as a real
 * one does. Resolves with the same socket, now a byte pipe to the destination; any answer but
 * 2xx is a refusal.
 */
export function openProxyTunnel(socket: Socket, host: string, port: number): Promise<Socket> {
  const authority = `${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`;
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
    };
    const fail = (cause: string) => {
      cleanup();
      socket.destroy();
      reject(AdapterError.sendFailed('PROXY', cause));
    };
    const onError = (err: NodeJS.ErrnoException) => fail(err.code ?? err.message);
    const onClose = () => fail('proxy closed the connection');
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > MAX_PROXY_HEADER) fail('proxy answer too long');
        return;
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(buffered.subarray(0, end).toString('latin1'));
      if (!status || !status[1].startsWith('2')) return fail(`proxy answered ${status?.[1] ?? 'garbage'}`);
      cleanup();
      // Bytes after the header already belong to the tunnel (a server speaking first).
      const rest = buffered.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\nProxy-Connection: keep-alive\r\n\r\n`);
  });
}
