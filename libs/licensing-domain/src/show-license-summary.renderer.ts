import type { LicenseView } from './license-view';
import { authorizationLines, CONVERSION_LINES, enabledLine, registrationLines } from './show-sections';
import { usageTableLines } from './show-license-usage.renderer';

/** `show license summary` (SPEC §12): the status without dates of attempts, then the usage table. */
export function renderLicenseSummary(view: LicenseView, now: number): string {
  const blocks = [
    enabledLine(view),
    registrationLines(view, false),
    authorizationLines(view, now, false),
    CONVERSION_LINES,
    usageTableLines(view),
  ];
  return blocks.map((b) => b.join('\n')).join('\n\n') + '\n';
}
