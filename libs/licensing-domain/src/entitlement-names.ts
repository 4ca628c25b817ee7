import { ENTITLEMENTS, isEntitlementTag } from '@fleetlic/contracts';

/** Display name of a tag (SPEC §12); an unknown tag shows as itself rather than failing a render. */
export function entitlementName(tag: string): string {
  return isEntitlementTag(tag) ? ENTITLEMENTS[tag] : tag;
}
