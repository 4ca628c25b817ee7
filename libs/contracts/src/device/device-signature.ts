import { createSign, createVerify, KeyObject } from 'node:crypto';

/**
 * Device messages are signed with the instance's EC P-256 key (ECDSA with SHA-256) over the
 * canonical JSON of the message without its `signature` field; the license server verifies
 * against the public key of the instance's current ID certificate.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== 'signature' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function signDeviceMessage<T extends object>(message: T, privateKey: KeyObject | string): T & { signature: string } {
  const signer = createSign('SHA256');
  signer.update(canonicalJson(message));
  return { ...message, signature: signer.sign(privateKey, 'base64') };
}

export function verifyDeviceMessage(message: { signature?: string }, publicKey: KeyObject | string): boolean {
  if (!message.signature) return false;
  try {
    const verifier = createVerify('SHA256');
    verifier.update(canonicalJson(message));
    return verifier.verify(publicKey, message.signature, 'base64');
  } catch {
    return false;
  }
}
