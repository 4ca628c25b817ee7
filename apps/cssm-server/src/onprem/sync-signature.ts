import { canonicalJson } from '@fleetlic/contracts';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sync files are signed with HMAC-SHA256 under a key per On-Prem account, created by the cloud
 * when it registers the account and given to the On-Prem server once. A shared key (rather than
 * the two CAs) needs no certificate exchange and still detects any change to a file; the `kind`
 * inside the signed text keeps a request from passing as a response.
 */
export function newSyncKey(): string {
  return randomBytes(32).toString('base64url');
}

function mac(document: object, key: string): Buffer {
  return createHmac('sha256', Buffer.from(key, 'base64url')).update(canonicalJson(document)).digest();
}

export function signSyncDocument<T extends object>(document: T, key: string): T & { signature: string } {
  return { ...document, signature: `hmac-sha256:${mac(document, key).toString('base64url')}` };
}

export function syncSignatureValid(document: { signature?: string }, key: string): boolean {
  const match = /^hmac-sha256:([A-Za-z0-9_-]+)$/.exec(document.signature ?? '');
  if (!match) return false;
  const given = Buffer.from(match[1], 'base64url');
  const expected = mac(document, key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
