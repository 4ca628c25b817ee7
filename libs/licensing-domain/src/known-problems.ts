import type { CallhomeConfig } from '@fleetlic/contracts';

/** The known problems of SPEC §11. */
export type ProblemId = 'SOURCE_INTERFACE_NO_PATH' | 'HTTP_DESTINATION' | 'UNTRUSTED_ROOT_CA' | 'NO_DNS_RESPONSE';

export interface Finding {
  problem: ProblemId;
  /** The lines or values that show it. */
  evidence: string[];
  /** What to do, with the exact NX-OS commands. */
  remedy: string[];
}

export const TRUSTPOOL_BUNDLE = 'http://www.cisco.com/security/pki/trs/ios_core.p7b';

export function hostOf(url: string): string {
  return /^[a-z]+:\/\/([^/:]+)/i.exec(url)?.[1] ?? url;
}

/** The remedy commands of each problem, for this switch's configuration. */
export function remedyFor(problem: ProblemId, ch: CallhomeConfig | undefined, sourceCandidate = 'mgmt0'): string[] {
  const vrf = ch?.vrf ?? 'management';
  const url = ch?.destinationUrl ?? 'https://tools.cisco.com/its/service/oddce/services/DDCEService';
  const host = hostOf(url);
  switch (problem) {
    case 'SOURCE_INTERFACE_NO_PATH':
      return [
        `Use as HTTP source an interface of VRF ${vrf} that reaches ${host}:`,
        'configure terminal',
        `ip http source-interface ${sourceCandidate}`,
      ];
    case 'HTTP_DESTINATION': {
      const https = url.replace(/^http:\/\//i, 'https://');
      return [
        'The license server answers plain HTTP with a web page; use HTTPS with the same host and path:',
        'configure terminal',
        'callhome',
        `no destination-profile CiscoTAC-1 index 1 http ${url}`,
        `destination-profile CiscoTAC-1 http ${https}`,
      ];
    }
    case 'UNTRUSTED_ROOT_CA':
      return [
        "The switch does not trust the license server's root CA (QuoVadis Root CA 2 decommissioned, field notice FN72115); import the current trust anchor:",
        'configure terminal',
        `crypto ca trustpool import url ${TRUSTPOOL_BUNDLE}`,
        'or upgrade to an NX-OS release that carries the current root CA',
      ];
    case 'NO_DNS_RESPONSE':
      return [
        `Make ${host} resolvable in VRF ${vrf} (bug CSCvv67469):`,
        'configure terminal',
        'ip domain-lookup',
        `ip name-server <dns-server-ip> use-vrf ${vrf}`,
        `or: ip host ${host} <ip-address>`,
        'or upgrade to a release with the fix',
      ];
  }
}

/** Adds a finding, merging the evidence when the same problem was already found. */
export function addFinding(findings: Finding[], problem: ProblemId, evidence: string[], remedy: string[]): void {
  const existing = findings.find((f) => f.problem === problem);
  if (!existing) {
    findings.push({ problem, evidence: [...evidence], remedy });
    return;
  }
  for (const e of evidence) if (!existing.evidence.includes(e)) existing.evidence.push(e);
}
