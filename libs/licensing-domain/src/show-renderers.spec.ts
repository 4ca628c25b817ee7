import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  advance,
  authorizedState,
  authorizeOk,
  freshState,
  NO_PATH,
  registerOk,
  run,
  settle,
  T0,
  UDI,
  USAGE,
} from '../test/agent-harness';
import type { AgentState } from './agent-state';
import { nextWakeup } from './next-wakeup';
import { renderLicenseAll } from './show-license-all.renderer';
import { renderLicenseStatus } from './show-license-status.renderer';
import { renderLicenseSummary } from './show-license-summary.renderer';
import { renderLicenseUsage } from './show-license-usage.renderer';
import { DAY, HOUR, MINUTE } from './time';

const golden = (name: string) => readFileSync(join(__dirname, '../test/fixtures/show', name), 'utf8');
const view = (state: AgentState) => ({ state, udi: UDI });

function registrationAttempt(answer: Parameters<typeof settle>[3]): AgentState {
  const { state, effects } = run(freshState(), T0, { type: 'set-usage', entitlements: USAGE }, { type: 'register', idToken: 'tok' });
  return settle(state, effects, T0, answer).state;
}

describe('show license golden files (SPEC §12)', () => {
  it('status-authorized', () => {
    expect(renderLicenseStatus(view(authorizedState()), T0)).toBe(golden('status-authorized.txt'));
  });

  it('summary-authorized, usage-authorized, all-authorized', () => {
    const v = view(authorizedState());
    expect(renderLicenseSummary(v, T0)).toBe(golden('summary-authorized.txt'));
    expect(renderLicenseUsage(v)).toBe(golden('usage-authorized.txt'));
    expect(renderLicenseAll(v, T0)).toBe(golden('all-authorized.txt'));
  });

  it('usage-none', () => {
    expect(renderLicenseUsage(view(freshState()))).toBe(golden('usage-none.txt'));
  });

  it('status-out-of-compliance', () => {
    expect(renderLicenseStatus(view(authorizedState(T0, USAGE, false)), T0)).toBe(golden('status-out-of-compliance.txt'));
  });

  it('status-authorized-renewal-failed: renewed Jul 22, renewal of Aug 21 fails', () => {
    let s = authorizedState();
    ({ state: s } = advance(s, T0 + 30 * DAY, (_r, now) => authorizeOk(now, USAGE), nextWakeup));
    ({ state: s } = advance(s, T0 + 60 * DAY, () => NO_PATH, nextWakeup));
    expect(renderLicenseStatus(view(s), T0 + 60 * DAY)).toBe(golden('status-authorized-renewal-failed.txt'));
  });

  it('status-authorization-expired: first hourly retry after the deadline fails', () => {
    let s = authorizedState();
    ({ state: s } = advance(s, T0 + 30 * DAY, (_r, now) => authorizeOk(now, USAGE), nextWakeup));
    const deadline = T0 + 120 * DAY;
    ({ state: s } = advance(s, deadline + HOUR, () => NO_PATH, nextWakeup));
    expect(renderLicenseStatus(view(s), deadline + HOUR)).toBe(golden('status-authorization-expired.txt'));
  });

  it('status-registering', () => {
    const s = registrationAttempt(() => NO_PATH);
    expect(renderLicenseStatus(view(s), T0 + 30_000)).toBe(golden('status-registering.txt'));
  });

  it('status-registration-failed', () => {
    const s = registrationAttempt(() => ({ kind: 'register', result: 'refused', code: 'TOKEN_EXPIRED', reason: 'The ID token has expired' }));
    expect(renderLicenseStatus(view(s), T0 + 30_000)).toBe(golden('status-registration-failed.txt'));
  });

  it('status-eval-mode: 87 days, 1 hr, 41 min remaining', () => {
    const used = 2 * DAY + 22 * HOUR + 19 * MINUTE;
    const s = run(freshState(T0 - used), T0 - used, { type: 'set-usage', entitlements: USAGE }).state;
    expect(renderLicenseStatus(view(s), T0)).toBe(golden('status-eval-mode.txt'));
  });

  it('status-eval-expired: expired Sep 20 16:15:00 2022', () => {
    const expiry = Date.UTC(2022, 8, 20, 16, 15, 0);
    const start = expiry - 90 * DAY;
    let s = run(freshState(start), start, { type: 'set-usage', entitlements: USAGE }).state;
    ({ state: s } = advance(s, expiry, () => NO_PATH, nextWakeup));
    expect(renderLicenseStatus(view(s), expiry + 5 * DAY)).toBe(golden('status-eval-expired.txt'));
  });

  it('registered with its first authorization being retried stays in EVAL MODE and shows the attempts', () => {
    const s = registrationAttempt((r) => (r.kind === 'register' ? registerOk(T0) : NO_PATH));
    const text = renderLicenseStatus(view(s), T0);
    expect(text).toContain('  Status: EVAL MODE\n  Evaluation Period Remaining: 90 days, 0 hr, 0 min\n');
    expect(text).toContain(`  Last Communication Attempt: FAILED on Jun 22 16:15:41 2022 UTC\n    Failure reason: ${NO_PATH}\n`);
    expect(text).toContain('  Next Communication Attempt: Jun 22 16:30:41 2022 UTC\n');
  });

  it('Smart Licensing DISABLED, all without usage, unknown-tag-free layout', () => {
    const s = run(freshState(), T0, { type: 'disable' }).state;
    expect(renderLicenseStatus(view(s), T0).split('\n')[0]).toBe('Smart Licensing is DISABLED');
    expect(renderLicenseAll(view(s), T0)).toContain('License Usage\n=============\n\nNo licenses in use\n\nProduct Information\n');
    expect(renderLicenseSummary(view(s), T0)).toContain('License Usage:\n  No licenses in use\n');
  });
});
