import { generateKeyPair, webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const generate = promisify(generateKeyPair);
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** A new EC P-256 key for a switch, as PKCS#8 PEM (generated off the event loop). */
export async function generateSwitchKey(): Promise<string> {
  const { privateKey } = await generate('ec', { namedCurve: 'P-256', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  return privateKey;
}

function pemBody(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
}

/**
 * A PKCS#10 CSR (PEM) for the switch's key, subject CN = its UDI: what the switch sends with its
 * registration and ID certificate renewal. The public key is derived from the private one.
 */
export async function createCsr(privateKeyPem: string, udi: { pid: string; sn: string }): Promise<string> {
  const subtle = webcrypto.subtle;
  const privateKey = await subtle.importKey('pkcs8', pemBody(privateKeyPem), ECDSA_P256, true, ['sign']);
  // WebCrypto has no "public from private": go through the JWK, dropping the private scalar.
  const { d: _d, ...publicJwk } = await subtle.exportKey('jwk', privateKey);
  const publicKey = await subtle.importKey('jwk', { ...publicJwk, key_ops: ['verify'] }, ECDSA_P256, true, ['verify']);
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({
    name: `CN=PID:${escapeDn(udi.pid)} SN:${escapeDn(udi.sn)}`,
    keys: { privateKey, publicKey } as unknown as x509.Pkcs10CertificateRequestCreateParams['keys'],
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
  });
  return csr.toString('pem');
}

/** RFC 4514 escaping of the characters with a meaning in a DN string. */
function escapeDn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}
