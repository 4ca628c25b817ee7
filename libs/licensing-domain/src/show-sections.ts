import type { AttemptRecord } from './agent-state';
import { evaluationRemainingMs, formatRemaining } from './evaluation';
import type { LicenseView } from './license-view';
import { smartLicensingEnabled } from './smart-licensing';
import { formatShowDate } from './time';

/** Shared blocks of `show license status` and `summary` (SPEC §12); each returns whole lines. */
export function enabledLine(view: LicenseView): string[] {
  return [`Smart Licensing is ${smartLicensingEnabled(view.state) ? 'ENABLED' : 'DISABLED'}`];
}

/** `SUCCEEDED on <t>` or `FAILED on <t>` then `    Failure reason: …`; dates optional (summary). */
export function attemptLines(label: string, attempt: AttemptRecord | undefined, withDate = true): string[] {
  if (!attempt) return [`  ${label}: None`];
  const date = withDate ? ` on ${formatShowDate(attempt.at)}` : '';
  const lines = [`  ${label}: ${attempt.result}${date}`];
  if (attempt.result === 'FAILED' && attempt.reason) lines.push(`    Failure reason: ${attempt.reason}`);
  return lines;
}

export function registrationLines(view: LicenseView, detailed: boolean): string[] {
  const r = view.state.registration;
  const lines = ['Registration:', `  Status: ${r.status}`];
  if (r.status === 'REGISTERED') lines.push(`  Smart Account: ${r.smartAccount ?? ''}`, `  Virtual Account: ${r.virtualAccount ?? ''}`);
  lines.push(`  Export-Controlled Functionality: ${r.exportControlled ? 'Allowed' : 'Not Allowed'}`);
  if (!detailed) return lines;
  if (r.initial) lines.push(...attemptLines('Initial Registration', r.initial));
  if (r.status === 'REGISTERING' && r.nextAttemptAt !== undefined) {
    lines.push(`  Next Registration Attempt: ${formatShowDate(r.nextAttemptAt)}`);
  }
  if (r.status === 'REGISTERED') {
    lines.push(...attemptLines('Last Renewal Attempt', r.lastRenewal));
    if (r.nextRenewalAt !== undefined) lines.push(`  Next Renewal Attempt: ${formatShowDate(r.nextRenewalAt)}`);
    if (r.certificate) lines.push(`  Registration Expires: ${formatShowDate(r.certificate.notAfter)}`);
  }
  return lines;
}

export function authorizationLines(view: LicenseView, now: number, detailed: boolean): string[] {
  const a = view.state.authorization;
  const since = a.since !== undefined && a.status !== 'EVAL MODE' && a.status !== 'NO LICENSES IN USE' ? ` on ${formatShowDate(a.since)}` : '';
  const lines = ['License Authorization:', `  Status: ${a.status}${since}`];
  if (a.status === 'EVAL MODE' || a.status === 'EVAL EXPIRED') {
    lines.push(`  Evaluation Period Remaining: ${formatRemaining(evaluationRemainingMs(view.state, now))}`);
  }
  // A registered switch whose first authorization is still being retried shows the attempts too.
  if (a.lastCommunication) lines.push(...attemptLines('Last Communication Attempt', a.lastCommunication, detailed));
  if (a.nextAttemptAt !== undefined) lines.push(`  Next Communication Attempt: ${formatShowDate(a.nextAttemptAt)}`);
  if (a.deadline !== undefined) lines.push(`  Communication Deadline: ${formatShowDate(a.deadline)}`);
  return lines;
}

export const CONVERSION_LINES = ['Smart License Conversion:', '  Automatic Conversion Enabled: False', '  Status: Not started'];

/** Status of one entitlement in use, as `show license usage` prints it. */
export function usageStatus(view: LicenseView, tag: string): string {
  const a = view.state.authorization;
  if (a.status === 'AUTHORIZED' || a.status === 'OUT OF COMPLIANCE' || a.status === 'NO LICENSES IN USE') {
    return a.compliance.find((c) => c.tag === tag)?.status ?? 'AUTHORIZATION PENDING';
  }
  return a.status;
}
