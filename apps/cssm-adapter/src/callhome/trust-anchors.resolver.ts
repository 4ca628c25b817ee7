/** The license servers' root certificates, PEM (each may be a bundle of several instances). */
export interface TrustRoots {
  current: string;
  legacy: string;
}

/**
 * The switch's trust store: its anchors only, never Node's bundled roots, so a switch that
 * holds only the decommissioned root really fails verification (SPEC §11 problem 3).
 * "current"/"legacy" name the servers' roots; anything else is a literal PEM.
 */
export function resolveTrustAnchors(anchors: string[], roots: TrustRoots): string[] {
  return anchors
    .map((anchor) => {
      const name = anchor.trim().toLowerCase();
      if (name === 'current') return roots.current;
      if (name === 'legacy') return roots.legacy;
      return anchor.includes('-----BEGIN CERTIFICATE-----') ? anchor : '';
    })
    .filter((pem) => pem.trim() !== '');
}
