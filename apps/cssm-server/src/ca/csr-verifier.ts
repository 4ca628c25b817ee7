// @peculiar/x509 (tsyringe) needs the Reflect metadata polyfill loaded before it.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

export type CsrCheck = { ok: true; publicKey: x509.PublicKey; publicKeyPem: string } | { ok: false; why: string };

/** Accepts a PEM PKCS#10 request for an EC P-256 key whose self-signature verifies. */
export async function verifyCsr(pem: string): Promise<CsrCheck> {
  let csr: x509.Pkcs10CertificateRequest;
  try {
    csr = new x509.Pkcs10CertificateRequest(pem);
  } catch {
    return { ok: false, why: 'the CSR is not a PEM PKCS#10 request' };
  }
  const algorithm = csr.publicKey.algorithm as webcrypto.EcKeyAlgorithm;
  if (algorithm.name !== 'ECDSA' || algorithm.namedCurve !== 'P-256') return { ok: false, why: 'the CSR key is not EC P-256' };
  try {
    if (!(await csr.verify(webcrypto as any))) return { ok: false, why: 'the CSR signature does not verify' };
  } catch {
    return { ok: false, why: 'the CSR signature does not verify' };
  }
  return { ok: true, publicKey: csr.publicKey, publicKeyPem: csr.publicKey.toString('pem') };
}
