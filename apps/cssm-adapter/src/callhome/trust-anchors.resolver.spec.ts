import { resolveTrustAnchors } from './trust-anchors.resolver';

describe('resolveTrustAnchors (SPEC §11 problem 3)', () => {
  const roots = { current: 'CURRENT-PEM', legacy: 'LEGACY-PEM' };
  const literal = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

  it('maps the names to the servers roots and keeps literal PEMs', () => {
    expect(resolveTrustAnchors(['legacy', 'Current', literal], roots)).toEqual(['LEGACY-PEM', 'CURRENT-PEM', literal]);
  });
  it('drops unknown names and roots not loaded yet, so nothing is trusted by accident', () => {
    expect(resolveTrustAnchors(['quovadis', 'current'], { current: '', legacy: 'L' })).toEqual([]);
  });
});
