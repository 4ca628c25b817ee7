import { entitlementName } from './entitlement-names';
import type { LicenseView } from './license-view';
import { usageStatus } from './show-sections';

const HEADER = '  License                   Entitlement tag                 Count Status';
const RULE = '  ' + '-'.repeat(72);

/** Pads a column, keeping at least one space after an overlong value. */
const col = (text: string, width: number) => (text.length < width ? text.padEnd(width) : `${text} `);

/** The `License Usage:` table of `show license usage` and `summary`, without trailing newline. */
export function usageTableLines(view: LicenseView): string[] {
  const used = view.state.entitlements;
  if (used.length === 0) return ['License Usage:', '  No licenses in use'];
  const rows = used.map((e) => {
    const count = String(e.count).padStart(5);
    return `  ${col(entitlementName(e.tag), 26)}${col(`(${e.tag})`, 32)}${count} ${usageStatus(view, e.tag)}`;
  });
  return ['License Usage:', HEADER, RULE, ...rows];
}

/** `show license usage` (SPEC §12). */
export function renderLicenseUsage(view: LicenseView): string {
  return usageTableLines(view).join('\n') + '\n';
}
