/** An NX-OS release: `9.3(5)`, `10.2(3)F`, `8.0(1)`, `7.0(3)I7(8)` (SPEC §2). */
export interface NxosVersion {
  major: number;
  minor: number;
  maintenance: number;
  /** Whatever follows `(maintenance)`: a train letter (`F`) or `I7(8)`. */
  rest: string;
}

const VERSION = /^(\d+)\.(\d+)\((\d+)\)([A-Za-z0-9().]*)$/;

/** undefined when the text is not an NX-OS version. */
export function parseNxosVersion(text: string): NxosVersion | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), maintenance: Number(m[3]), rest: m[4] };
}

/** Splits `I7(8)` into ['I', 7, 8] so that the rest also compares numerically. */
function restParts(rest: string): (string | number)[] {
  return (rest.match(/\d+|[A-Za-z]+/g) ?? []).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function compareRest(a: string, b: string): number {
  const pa = restParts(a);
  const pb = restParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/** Negative, zero or positive, comparing numerically by major, minor, maintenance, then the rest. */
export function compareNxosVersions(a: NxosVersion | string, b: NxosVersion | string): number {
  const va = typeof a === 'string' ? parseNxosVersion(a) : a;
  const vb = typeof b === 'string' ? parseNxosVersion(b) : b;
  if (!va || !vb) throw new RangeError(`not an NX-OS version: ${!va ? String(a) : String(b)}`);
  return va.major - vb.major || va.minor - vb.minor || va.maintenance - vb.maintenance || compareRest(va.rest, vb.rest);
}
