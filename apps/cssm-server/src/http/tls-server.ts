import { randomBytes } from 'node:crypto';
import { RequestListener } from 'node:http';
import { createServer, Server } from 'node:https';
import { CaService } from '../ca/ca.service';
import { issueTlsCertificate, Signer } from '../ca/certificate-issuer';

/**
 * The HTTPS listener, with a server certificate signed by the `current` root (valid 2000–2099
 * whatever the simulated date) for the given names. After a CA rotation it re-issues its
 * certificate from the new root and swaps it in without a restart.
 */
export async function createTlsServer(ca: CaService, names: string[], handler: RequestListener): Promise<Server> {
  const material = async (signer: Signer) => {
    const tls = await issueTlsCertificate(signer, names);
    return { key: tls.keyPem, cert: tls.certPem };
  };
  const server = createServer(await material(await ca.currentSigner()), handler);
  ca.onRotate(async (signer) => {
    server.setSecureContext(await material(signer));
    // New ticket keys: a client must not resume a session it verified against the old root.
    server.setTicketKeys(randomBytes(48));
  });
  return server;
}
