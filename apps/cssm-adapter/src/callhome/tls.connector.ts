import { Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import { isIP } from 'node:net';

/**
 * TLS over an open socket (direct or a proxy tunnel), verified against `ca` only and against
 * the URL's host name: `host` drives the identity check and SNI, even though the socket was
 * connected to a resolved address. Rejects with the TLS error (e.g. UNABLE_TO_GET_ISSUER_CERT,
 * ERR_TLS_CERT_ALTNAME_INVALID).
 */
export function secureSocket(socket: Socket, host: string, ca: string[]): Promise<TLSSocket> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const secure = tlsConnect({
      socket,
      host: bare,
      // SNI carries names only (RFC 6066); an IP literal is checked against the IP SANs.
      servername: isIP(bare) ? undefined : bare,
      ca,
      rejectUnauthorized: true,
      ALPNProtocols: ['http/1.1'],
    });
    const onError = (err: Error) => {
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
