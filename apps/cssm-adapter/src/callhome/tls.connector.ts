import { isIP, Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import { TlsClientCache } from './tls-client-cache';

const cache = new TlsClientCache();

/**
 * TLS over an open socket (direct or a proxy tunnel), verified against `ca` only and against
 * the URL's host name: `host` drives the identity check and SNI, even though the socket was
 * connected to a resolved address. Rejects with the TLS error (e.g. UNABLE_TO_GET_ISSUER_CERT,
 * ERR_TLS_CERT_ALTNAME_INVALID).
 */
export function secureSocket(socket: Socket, host: string, port: number, ca: string[]): Promise<TLSSocket> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const cached = cache.entry(`${bare}:${port}`, ca);
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({
      socket,
      host: bare,
      // SNI carries names only (RFC 6066); an IP literal is checked against the IP SANs.
      servername: isIP(bare) ? undefined : bare,
      secureContext: cached.context,
      session: cached.session,
      rejectUnauthorized: true,
      ALPNProtocols: ['http/1.1'],
    });
    // TLS 1.3 tickets arrive after the handshake; only a verified connection gets here.
    secure.on('session', (session: Buffer) => {
      if (secure.authorized) cache.remember(cached.key, session);
    });
    const onError = (err: Error) => {
      cache.forget(cached.key);
      secure.destroy();
      reject(err);
    };
    secure.once('error', onError);
    secure.once('secureConnect', () => {
      secure.off('error', onError);
      resolve(secure);
    });
  });
}
