import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authorizedState, freshState, NO_PATH, run, settle, T0, UDI, USAGE } from '../test/agent-harness';
import { toLicenseStatusJson } from './license-status-json.mapper';
import { parseLicenseStatusText } from './license-status.parser';
import { DAY } from './time';
import { parseShowDate } from './time';

const golden = (name: string) => readFileSync(join(__dirname, '../test/fixtures/show', name), 'utf8');

describe('license status JSON (API.md §1)', () => {
  it('registered and authorized', () => {
    expect(toLicenseStatusJson({ state: authorizedState(), udi: UDI }, 'sw1', T0 + DAY)).toEqual({
      name: 'sw1',
      udi: UDI,
      smartLicensing: 'ENABLED',
      registration: {
        status: 'REGISTERED',
        smartAccount: 'Demo Customer',
        virtualAccount: 'Default',
        exportControlled: true,
        initial: { result: 'SUCCEEDED', at: '2022-06-22T16:15:41.000Z' },
        nextAttemptAt: '2022-12-19T16:15:41.000Z',
        expiresAt: '2023-06-22T16:15:41.000Z',
      },
      authorization: {
        status: 'AUTHORIZED',
        since: '2022-06-22T16:15:41.000Z',
        lastCommunication: { result: 'SUCCEEDED', at: '2022-06-22T16:15:41.000Z' },
        nextAttemptAt: '2022-07-22T16:15:41.000Z',
        deadline: '2022-09-20T16:15:41.000Z',
      },
      evaluation: { usedSeconds: 0, remainingSeconds: 90 * 86400, expired: false },
      usage: [
        { tag: 'NXOS_ADVANTAGE_XF', name: 'NX-OS Advantage XF', count: 1, status: 'AUTHORIZED' },
        { tag: 'LAN_ENTERPRISE_SERVICES_PKG', name: 'LAN Enterprise Services', count: 1, status: 'AUTHORIZED' },
      ],
    });
  });

  it('registering after a failure, evaluation running', () => {
    const { state, effects } = run(freshState(), T0, { type: 'set-usage', entitlements: USAGE }, { type: 'register', idToken: 't' });
    const s = settle(state, effects, T0, () => NO_PATH).state;
    const json = toLicenseStatusJson({ state: s, udi: UDI }, 'sw1', T0 + DAY);
    expect(json.registration).toEqual({
      status: 'REGISTERING',
      exportControlled: false,
      initial: { result: 'FAILED', at: '2022-06-22T16:15:41.000Z', reason: NO_PATH },
      nextAttemptAt: '2022-06-22T16:30:41.000Z',
    });
    expect(json.authorization).toEqual({ status: 'EVAL MODE' });
    expect(json.evaluation).toEqual({ usedSeconds: 86400, remainingSeconds: 89 * 86400, expired: false });
    expect(json.usage[0].status).toBe('EVAL MODE');
  });
});

describe('parseLicenseStatusText', () => {
  it('reads every field of a registered status', () => {
    expect(parseLicenseStatusText(golden('status-authorization-expired.txt'))).toEqual({
      smartLicensing: 'ENABLED',
      registration: {
        status: 'REGISTERED',
        smartAccount: 'Demo Customer',
        virtualAccount: 'Default',
        exportControlled: true,
        initial: { result: 'SUCCEEDED', at: T0 },
        lastRenewal: undefined,
        nextRenewalAt: T0 + 180 * DAY,
        expiresAt: T0 + 365 * DAY,
      },
      authorization: {
        status: 'AUTHORIZATION EXPIRED',
        since: T0 + 120 * DAY,
        lastCommunication: { result: 'FAILED', at: T0 + 120 * DAY + 3_600_000, reason: NO_PATH },
        nextAttemptAt: T0 + 120 * DAY + 7_200_000,
        deadline: T0 + 120 * DAY,
      },
      failureReasons: [NO_PATH],
    });
  });

  it('reads renewal attempts, summary lines without dates and tolerates CRLF', () => {
    const text = 'Registration:\r\n  Last Renewal Attempt: FAILED on Dec 19 16:15:41 2022 UTC\r\n    Failure reason: x\r\nLicense Authorization:\r\n  Status: EVAL MODE\r\n  Last Communication Attempt: SUCCEEDED\r\n  Bogus: whatever\r\n';
    const p = parseLicenseStatusText(text);
    expect(p.registration.lastRenewal).toEqual({ result: 'FAILED', at: T0 + 180 * DAY, reason: 'x' });
    expect(p.authorization.lastCommunication).toEqual({ result: 'SUCCEEDED' });
    expect(parseLicenseStatusText('Registration:\n  Initial Registration: PENDING\n').registration.initial).toEqual({});
  });

  it('parseShowDate rejects what is not a show date', () => {
    expect(parseShowDate('Foo 22 16:15:41 2022 UTC')).toBeUndefined();
    expect(parseShowDate('yesterday')).toBeUndefined();
    expect(parseShowDate('Jun  2 01:02:03 2022')).toBe(Date.UTC(2022, 5, 2, 1, 2, 3));
  });
});
