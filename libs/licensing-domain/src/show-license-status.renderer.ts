import type { LicenseView } from './license-view';
import { authorizationLines, CONVERSION_LINES, enabledLine, registrationLines } from './show-sections';

/** `show license status` (SPEC §12), byte for byte as the golden files, trailing newline included. */
export function renderLicenseStatus(view: LicenseView, now: number): string {
  const blocks = [enabledLine(view), registrationLines(view, true), authorizationLines(view, now, true), CONVERSION_LINES];
  return blocks.map((b) => b.join('\n')).join('\n\n') + '\n';
}
