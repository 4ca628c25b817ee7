import { randomBytes } from 'node:crypto';

/**
 * A namespace no other test file uses: FLEETLIC_NAMESPACE rules (lower case, starts with a
 * letter, ≤ 31 chars), so subjects, streams and schemas of parallel files never collide.
 */
export function uniqueNamespace(prefix = 't'): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_').replace(/^[^a-z]+/, '') || 't';
  return `${clean.slice(0, 20)}${randomBytes(5).toString('hex')}`;
}
