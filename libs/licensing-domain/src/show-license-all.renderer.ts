import { entitlementName } from './entitlement-names';
import type { LicenseView } from './license-view';
import { renderLicenseStatus } from './show-license-status.renderer';
import { usageStatus } from './show-sections';

const title = (text: string) => [text, '='.repeat(text.length)];

/** `show license all` (SPEC §12): status, a block per entitlement in use, the UDI. */
export function renderLicenseAll(view: LicenseView, now: number): string {
  const usage = view.state.entitlements.flatMap((e) => [
    `${entitlementName(e.tag)} (${e.tag}):`,
    `  Description: ${entitlementName(e.tag)}`,
    `  Count: ${e.count}`,
    `  Status: ${usageStatus(view, e.tag)}`,
    '',
  ]);
  const lines = [
    ...title('Smart Licensing Status'),
    '',
    renderLicenseStatus(view, now),
    ...title('License Usage'),
    '',
    ...(usage.length ? usage : ['No licenses in use', '']),
    ...title('Product Information'),
    `UDI: PID:${view.udi.pid},SN:${view.udi.serialNumber}`,
  ];
  return lines.join('\n') + '\n';
}
