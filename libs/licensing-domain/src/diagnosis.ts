import { CALLHOME_FAILURE_REASONS, type CallhomeConfig, type NetworkConfig } from '@fleetlic/contracts';
import type { AgentState } from './agent-state';
import { parseCallhomeConfig } from './callhome.parser';
import { addFinding, hostOf, remedyFor, type Finding, type ProblemId } from './known-problems';
import { parseLicenseStatusText } from './license-status.parser';

export type { Finding, ProblemId } from './known-problems';

export interface Diagnosis {
  findings: Finding[];
  /** Problems the inputs can neither show nor rule out (config without status text): what to check. */
  checks?: Finding[];
}

const NO_DNS = /^Call Home message timed out: no DNS response for (\S+)$/;

/** The problem a failure reason points at, if it is one a switch reports for SPEC §11. */
function problemOfReason(reason: string): ProblemId | undefined {
  if (reason === CALLHOME_FAILURE_REASONS.NO_PATH) return 'SOURCE_INTERFACE_NO_PATH';
  if (reason === CALLHOME_FAILURE_REASONS.UNPARSEABLE) return 'HTTP_DESTINATION';
  if (reason === CALLHOME_FAILURE_REASONS.UNTRUSTED_CA) return 'UNTRUSTED_ROOT_CA';
  if (NO_DNS.test(reason)) return 'NO_DNS_RESPONSE';
  return undefined;
}

const isIp = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':') || host === 'localhost';

/** Findings shown by the configuration alone. */
function configFindings(findings: Finding[], ch: CallhomeConfig, network?: NetworkConfig): void {
  if (/^http:\/\//i.test(ch.destinationUrl)) {
    addFinding(findings, 'HTTP_DESTINATION', [`destination-profile CiscoTAC-1 index 1 http ${ch.destinationUrl}`], remedyFor('HTTP_DESTINATION', ch));
  }
  const src = ch.sourceInterface;
  if (!src) return;
  const line = `ip http source-interface ${src}`;
  if (network) {
    const inVrf = network.interfaces.find((i) => i.vrf === ch.vrf && i.reachable)?.name ?? 'mgmt0';
    const itf = network.interfaces.find((i) => i.name.toLowerCase() === src.toLowerCase());
    const why = !itf ? `${src} does not exist` : itf.vrf !== ch.vrf ? `${src} is in VRF ${itf.vrf}, Call Home uses VRF ${ch.vrf}` : !itf.reachable ? `${src} has no path to ${hostOf(ch.destinationUrl)}` : undefined;
    if (why) addFinding(findings, 'SOURCE_INTERFACE_NO_PATH', [line, why], remedyFor('SOURCE_INTERFACE_NO_PATH', ch, inVrf));
  } else if (ch.vrf === 'management' && src.toLowerCase() !== 'mgmt0') {
    // On Nexus only mgmt0 is in VRF management: any other source interface has no path there.
    addFinding(findings, 'SOURCE_INTERFACE_NO_PATH', [line, `transport http use-vrf ${ch.vrf}`], remedyFor('SOURCE_INTERFACE_NO_PATH', ch));
  }
}

/** Findings pointed at by the failure reasons the switch reported. */
function reasonFindings(findings: Finding[], reasons: string[], ch: CallhomeConfig | undefined): void {
  for (const reason of reasons) {
    const problem = problemOfReason(reason);
    if (!problem) continue;
    const evidence = [`Failure reason: ${reason}`];
    if (problem === 'SOURCE_INTERFACE_NO_PATH' && ch?.sourceInterface) evidence.push(`ip http source-interface ${ch.sourceInterface}`);
    if (problem === 'HTTP_DESTINATION' && ch && /^http:\/\//i.test(ch.destinationUrl)) {
      evidence.push(`destination-profile CiscoTAC-1 index 1 http ${ch.destinationUrl}`);
    }
    addFinding(findings, problem, evidence, remedyFor(problem, ch));
  }
}

/** SPEC §11 from texts pasted from a switch (`show running-config callhome`, `show license status`). */
export function diagnoseTexts(input: { runningConfigCallhome?: string; licenseStatus?: string }): Diagnosis {
  const findings: Finding[] = [];
  const ch = input.runningConfigCallhome ? parseCallhomeConfig(input.runningConfigCallhome).config : undefined;
  if (ch) configFindings(findings, ch);
  if (input.licenseStatus) reasonFindings(findings, parseLicenseStatusText(input.licenseStatus).failureReasons, ch);
  if (input.licenseStatus || !ch || findings.length) return { findings };
  // Problems 3 and 4 leave no trace in the configuration: name what to check.
  const host = hostOf(ch.destinationUrl);
  return {
    findings,
    checks: [
      { problem: 'UNTRUSTED_ROOT_CA', evidence: [`the switch must trust the root CA of ${host}`], remedy: remedyFor('UNTRUSTED_ROOT_CA', ch) },
      { problem: 'NO_DNS_RESPONSE', evidence: [`${host} must resolve in VRF ${ch.vrf}`], remedy: remedyFor('NO_DNS_RESPONSE', ch) },
    ],
  };
}

/** SPEC §11 from live state: the agent's last failures, its Call Home and its network. */
export function diagnoseLive(input: { state: AgentState; callhome?: CallhomeConfig | null; network: NetworkConfig }): Diagnosis {
  const findings: Finding[] = [];
  const ch = input.callhome ?? input.state.callhome ?? undefined;
  const { registration: r, authorization: a } = input.state;
  const reasons = [r.initial, r.lastRenewal, a.lastCommunication].filter((x) => x?.result === 'FAILED').map((x) => x?.reason ?? '');
  if (ch) configFindings(findings, ch, input.network);
  if (ch && /^https:/i.test(ch.destinationUrl)) {
    const anchors = input.network.trustAnchors;
    if (!anchors.includes('current') && !anchors.some((t) => t.includes('BEGIN CERTIFICATE'))) {
      addFinding(findings, 'UNTRUSTED_ROOT_CA', [`trust anchors: ${anchors.join(', ') || 'none'}`], remedyFor('UNTRUSTED_ROOT_CA', ch));
    }
  }
  const host = ch ? hostOf(ch.destinationUrl) : '';
  if (ch && host && !isIp(host) && !input.network.hosts[host] && !(input.network.nameServers[ch.vrf] ?? []).length) {
    addFinding(findings, 'NO_DNS_RESPONSE', [`no name server for VRF ${ch.vrf} and no ip host entry for ${host}`], remedyFor('NO_DNS_RESPONSE', ch));
  }
  // A reported reason confirms a problem only when the configuration shows it or nothing else explains it.
  reasonFindings(findings, reasons, ch);
  return { findings };
}
