import { z } from 'zod';
import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';

/**
 * An ID token as CSSM issues them: printable ASCII without spaces. Anything else cannot be a
 * token, so it is refused here (422) rather than spending a Call Home exchange on it.
 */
export const idTokenSchema = z.string().regex(/^[\x21-\x7e]{1,512}$/, 'an ID token: 1 to 512 printable characters without spaces');

export const registerSchema = z.object({ idToken: idTokenSchema, force: z.boolean().optional() });
export const renewSchema = z.object({ what: z.enum(['id', 'auth']) });

/** Tags are checked separately, so that an unknown one is answered with the list of known ones. */
export const usageSchema = z.object({
  entitlements: z.array(z.object({ tag: z.string().min(1).max(64), count: z.number().int().min(0).max(100_000) })).max(64),
});

/** The tags of `entries` that are not Nexus entitlement tags (SPEC §12). */
export function unknownTags(entries: { tag: string }[]): string[] {
  const known = new Set<string>(ENTITLEMENT_TAGS);
  return entries.map((e) => e.tag).filter((tag) => !known.has(tag));
}

export const SHOW_WHAT = ['status', 'summary', 'usage', 'all'] as const;
export type ShowWhat = (typeof SHOW_WHAT)[number];
