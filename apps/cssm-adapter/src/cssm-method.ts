import { CallhomeConfig, DEVICE_PATHS } from '@fleetlic/contracts';

/**
 * SPEC §10's method number, for the `cssm.method` span attribute: 2 when a proxy is enabled,
 * 3 when the destination is an On-Prem device path, else 1 (direct cloud). Method 4 (offline
 * On-Prem) differs only in how the On-Prem syncs, which the switch cannot see.
 */
export function cssmMethod(callhome: CallhomeConfig): 1 | 2 | 3 {
  if (callhome.proxy?.enabled) return 2;
  try {
    if (new URL(callhome.destinationUrl).pathname.startsWith(DEVICE_PATHS.onprem)) return 3;
  } catch {
    // A malformed destination fails as CONFIG in the exchange; count it as direct.
  }
  return 1;
}
