// @peculiar/x509 (tsyringe) needs the Reflect metadata polyfill loaded before it.
import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

// Node's WebCrypto is structurally the DOM Crypto the library expects.
x509.cryptoProvider.set(webcrypto as any);

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** Roots and TLS certificates are checked on the wall clock while simulated dates can be anywhere (SPEC §0). */
export const WIDE_NOT_BEFORE = new Date(Date.UTC(2000, 0, 1));
export const WIDE_NOT_AFTER = new Date(Date.UTC(2099, 11, 31, 23, 59, 59));

export interface PemPair {
  privateKeyPem: string;
  certificatePem: string;
}

/** A CA key and certificate loaded for signing. */
export interface Signer {
  key: CryptoKey;
  certificate: x509.X509Certificate;
}

/** A positive random serial number (hex). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** A self-signed EC P-256 root CA, valid 2000–2099. */
export async function createRootCa(commonName: string): Promise<PemPair> {
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${commonName}, O=fleetlic`,
    notBefore: WIDE_NOT_BEFORE,
    notAfter: WIDE_NOT_AFTER,
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { privateKeyPem: await privateKeyPem(keys.privateKey), certificatePem: certificate.toString('pem') };
}

export async function loadSigner(pair: PemPair): Promise<Signer> {
  const der = x509.PemConverter.decodeFirst(pair.privateKeyPem);
  const key = await webcrypto.subtle.importKey('pkcs8', der, EC, false, ['sign']);
  return { key: key as CryptoKey, certificate: new x509.X509Certificate(pair.certificatePem) };
}

interface LeafOptions {
  subject: string;
  publicKey: x509.PublicKey | CryptoKey;
  notBefore: Date;
  notAfter: Date;
  extensions: x509.Extension[];
}

async function issueLeaf(signer: Signer, options: LeafOptions): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: options.subject,
    issuer: signer.certificate.subject,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: options.publicKey,
    signingKey: signer.key,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      await x509.AuthorityKeyIdentifierExtension.create(signer.certificate.publicKey),
      ...options.extensions,
    ],
  });
}

/** The ID certificate of a product instance, for the key of its CSR. */
export async function issueIdCertificate(signer: Signer, publicKey: x509.PublicKey, udi: { pid: string; sn: string }, notBefore: Date, notAfter: Date) {
  const certificate = await issueLeaf(signer, {
    subject: `CN=${escapeDn(udi.pid)}:${escapeDn(udi.sn)}, OU=Smart Licensing, O=fleetlic`,
    publicKey,
    notBefore,
    notAfter,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  return { pem: certificate.toString('pem'), serial: certificate.serialNumber };
}

/** A TLS server certificate for the given DNS names and IP addresses, with a fresh key. */
export async function issueTlsCertificate(signer: Signer, names: string[]): Promise<{ keyPem: string; certPem: string }> {
  const keys = await generateKeys();
  const isIp = (n: string) => /^[\d.]+$/.test(n) || n.includes(':');
  const certificate = await issueLeaf(signer, {
    subject: `CN=${escapeDn(names.find((n) => !isIp(n)) ?? 'localhost')}, O=fleetlic`,
    publicKey: keys.publicKey,
    notBefore: WIDE_NOT_BEFORE,
    notAfter: WIDE_NOT_AFTER,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((value) => ({ type: isIp(value) ? 'ip' : 'dns', value }))),
    ],
  });
  return { keyPem: await privateKeyPem(keys.privateKey), certPem: certificate.toString('pem') };
}

function escapeDn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}
