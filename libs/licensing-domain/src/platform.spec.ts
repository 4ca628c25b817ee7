import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';
import { computeCompliance } from './compliance';
import { entitlementName } from './entitlement-names';
import { compareNxosVersions, parseNxosVersion } from './nxos-version';
import { platformSupport } from './platform-support';

describe('SPEC §2 NX-OS versions and platforms', () => {
  it.each([
    ['9.3(3)', { major: 9, minor: 3, maintenance: 3, rest: '' }],
    ['10.2(3)F', { major: 10, minor: 2, maintenance: 3, rest: 'F' }],
    ['8.0(1)', { major: 8, minor: 0, maintenance: 1, rest: '' }],
    ['7.0(3)I7(8)', { major: 7, minor: 0, maintenance: 3, rest: 'I7(8)' }],
  ])('parses %s', (text, v) => expect(parseNxosVersion(text)).toEqual(v));

  it.each(['', '9.3', 'abc', '9.3(x)'])('rejects %j', (t) => expect(parseNxosVersion(t)).toBeUndefined());

  it.each([
    ['10.2(3)F', '9.3(3)', 1],
    ['9.3(10)', '9.3(9)', 1],
    ['9.3(3)', '9.3(3)', 0],
    ['7.0(3)I7(8)', '7.0(3)I7(10)', -1],
    ['7.0(3)I7(8)', '7.0(3)', 1],
    ['7.0(3)', '7.0(3)I7(8)', -1],
    ['9.3(5)A', '9.3(5)B', -1],
    ['9.3(5)I7', '9.3(5)F', 1],
  ])('compares %s with %s numerically', (a, b, sign) => expect(Math.sign(compareNxosVersions(a, b))).toBe(sign));

  it('throws on a non-version', () => expect(() => compareNxosVersions('x', '9.3(3)')).toThrow(RangeError));

  it.each([
    ['N9K-C93180YC-FX', '9.3(3)', true],
    ['N9K-C93180YC-FX', '9.3(2)', false],
    ['N9K-C9348GC-FXP', '10.2(3)F', true],
    ['N3K-C3172PQ', '9.3(5)', true],
    ['N3K-C3016Q-40GE', '9.3(5)', false],
    ['N3K-C3064PQ-10GX', '10.2(3)F', false],
    ['N7K-C7010', '8.0(1)', true],
    ['N77-C7710', '7.3(0)D1(1)', false],
    ['N5K-C5672UP', '9.3(5)', false],
    ['N9K-C93180YC-FX', 'garbage', false],
  ])('platformSupport(%s, %s) = %s', (pid, v, ok) => {
    const r = platformSupport(pid, v);
    expect(r.supported).toBe(ok);
    if (!ok) expect(r.reason).toMatch(/\S/);
  });
});

describe('SPEC §12 entitlement names', () => {
  it('names every tag and shows an unknown tag as itself', () => {
    expect(entitlementName('NXOS_ADVANTAGE_XF')).toBe('NX-OS Advantage XF');
    expect(ENTITLEMENT_TAGS.every((t) => entitlementName(t) !== t)).toBe(true);
    expect(entitlementName('FOO')).toBe('FOO');
  });
});

describe('SPEC §9 compliance arithmetic', () => {
  it('in use excludes released usage; negative balance puts its users out of compliance', () => {
    const r = computeCompliance(
      [{ tag: 'NXOS_ADVANTAGE_XF', purchased: 2 }, { tag: 'LAN_ENTERPRISE_SERVICES_PKG', purchased: 5 }],
      [
        { instance: 'a', tag: 'NXOS_ADVANTAGE_XF', count: 2, released: false },
        { instance: 'b', tag: 'NXOS_ADVANTAGE_XF', count: 1, released: false },
        { instance: 'b', tag: 'LAN_ENTERPRISE_SERVICES_PKG', count: 1, released: false },
        { instance: 'c', tag: 'NXOS_ADVANTAGE_XF', count: 4, released: true },
        { instance: 'd', tag: 'NXOS_ESSENTIALS_GF', count: 1, released: false },
      ],
    );
    expect(r.tags).toEqual([
      { tag: 'LAN_ENTERPRISE_SERVICES_PKG', purchased: 5, inUse: 1, balance: 4, inCompliance: true },
      { tag: 'NXOS_ADVANTAGE_XF', purchased: 2, inUse: 3, balance: -1, inCompliance: false },
      { tag: 'NXOS_ESSENTIALS_GF', purchased: 0, inUse: 1, balance: -1, inCompliance: false },
    ]);
    expect(r.outOfCompliance).toEqual(['a', 'b', 'd']);
    expect(r.instances.b).toEqual([
      { tag: 'NXOS_ADVANTAGE_XF', count: 1, status: 'OUT OF COMPLIANCE' },
      { tag: 'LAN_ENTERPRISE_SERVICES_PKG', count: 1, status: 'AUTHORIZED' },
    ]);
    expect(r.instances.c).toBeUndefined();
  });
});
