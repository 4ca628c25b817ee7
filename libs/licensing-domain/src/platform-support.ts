import { compareNxosVersions, parseNxosVersion } from './nxos-version';

export interface PlatformSupport {
  supported: boolean;
  reason?: string;
}

/** SPEC §2: PID prefix → first release with Smart Licensing. Order matters: exclusions first. */
const TABLE: { test: (pid: string) => boolean; series: string; from: string | null }[] = [
  { test: (p) => p.startsWith('N3K-C3016') || p.startsWith('N3K-C3064'), series: 'Nexus 3016/3064', from: null },
  { test: (p) => p.startsWith('N9K-'), series: 'Nexus 9000', from: '9.3(3)' },
  { test: (p) => p.startsWith('N3K-'), series: 'Nexus 3000', from: '9.3(3)' },
  { test: (p) => p.startsWith('N7K-') || p.startsWith('N77-'), series: 'Nexus 7000', from: '8.0(1)' },
];

/** Whether registration is allowed for this PID and release, with the reason when it is not. */
export function platformSupport(pid: string, version: string): PlatformSupport {
  const row = TABLE.find((r) => r.test(pid.toUpperCase()));
  if (!row || row.from === null) {
    return { supported: false, reason: `Smart Licensing is not supported on platform ${pid}` };
  }
  const parsed = parseNxosVersion(version);
  if (!parsed) return { supported: false, reason: `Unrecognised NX-OS version ${version}` };
  if (compareNxosVersions(parsed, row.from) < 0) {
    return {
      supported: false,
      reason: `Smart Licensing on ${row.series} requires NX-OS ${row.from} or later (running ${version})`,
    };
  }
  return { supported: true };
}
