import 'reflect-metadata'; // @peculiar/x509 uses tsyringe, which needs the Reflect polyfill loaded first
import { KeyObject, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const notBefore = new Date(Date.now() - 86_400_000);
const notAfter = new Date(Date.now() + 365 * 86_400_000);

export interface TestPki {
  /** Root that signs the server certificate (the server's "current"). */
  currentPem: string;
  /** A root that signs nothing (the decommissioned "legacy"). */
  legacyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
}

/** SAN names of the license server's certificate (as cssm-server issues it). */
export const SERVER_NAMES = ['localhost', 'cssm.fleetlic.test', 'onprem.fleetlic.test', 'tools.cisco.com'];

async function root(name: string) {
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16),
    name: `CN=${name}`,
    notBefore,
    notAfter,
    signingAlgorithm: alg,
    keys,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return { keys, cert };
}

/** A fresh PKI per test file: two roots and a server certificate for 127.0.0.1 and SERVER_NAMES. */
export async function createTestPki(): Promise<TestPki> {
  const current = await root('Fleetlic Test Root current');
  const legacy = await root('Fleetlic Test Root legacy');
  const serverKeys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: '0a' + Date.now().toString(16),
    subject: 'CN=cssm.fleetlic.test',
    issuer: current.cert.subject,
    notBefore,
    notAfter,
    signingAlgorithm: alg,
    publicKey: serverKeys.publicKey,
    signingKey: current.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...SERVER_NAMES.map((value) => ({ type: 'dns' as const, value })), { type: 'ip', value: '127.0.0.1' }]),
    ],
  });
  return {
    currentPem: current.cert.toString('pem'),
    legacyPem: legacy.cert.toString('pem'),
    serverCertPem: server.toString('pem'),
    serverKeyPem: KeyObject.from(serverKeys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
