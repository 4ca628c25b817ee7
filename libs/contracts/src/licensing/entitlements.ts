/** Entitlement tags of Nexus switches and their display names (SPEC §12). */
export const ENTITLEMENTS = {
  NXOS_ESSENTIALS_XF: 'NX-OS Essentials XF',
  NXOS_ADVANTAGE_XF: 'NX-OS Advantage XF',
  NXOS_ESSENTIALS_GF: 'NX-OS Essentials GF',
  NXOS_ADVANTAGE_GF: 'NX-OS Advantage GF',
  NXOS_ESSENTIALS_M4: 'NX-OS Essentials M4',
  NXOS_ADVANTAGE_M4: 'NX-OS Advantage M4',
  'NXOS_ESSENTIALS_M8-16': 'NX-OS Essentials M8-16',
  'NXOS_ADVANTAGE_M8-16': 'NX-OS Advantage M8-16',
  LAN_ENTERPRISE_SERVICES_PKG: 'LAN Enterprise Services',
} as const;

export type EntitlementTag = keyof typeof ENTITLEMENTS;
export const ENTITLEMENT_TAGS = Object.keys(ENTITLEMENTS) as EntitlementTag[];

export function isEntitlementTag(tag: string): tag is EntitlementTag {
  return Object.prototype.hasOwnProperty.call(ENTITLEMENTS, tag);
}

/** One entitlement in use on a switch: how many of a tag its enabled features consume. */
export interface EntitlementUsage {
  tag: EntitlementTag;
  count: number;
}
