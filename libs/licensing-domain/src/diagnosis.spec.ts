import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CALLHOME_FAILURE_REASONS, defaultNetwork, type NetworkConfig } from '@fleetlic/contracts';
import { CALLHOME, freshState, NO_PATH, run, settle, T0 } from '../test/agent-harness';
import type { AgentState } from './agent-state';
import { diagnoseLive, diagnoseTexts } from './diagnosis';
import { parseLicenseStatusText } from './license-status.parser';

const dir = join(__dirname, '../test/fixtures/known-problems');
const read = (d: string, f: string) => readFileSync(join(dir, d, f), 'utf8');

describe('SPEC §11 diagnosis from pasted texts', () => {
  it.each([
    ['1-source-interface', 'SOURCE_INTERFACE_NO_PATH', 'ip http source-interface mgmt0'],
    ['2-http-destination', 'HTTP_DESTINATION', 'destination-profile CiscoTAC-1 http https://tools.cisco.com/its/service/oddce/services/DDCEService'],
    ['3-untrusted-root-ca', 'UNTRUSTED_ROOT_CA', 'crypto ca trustpool import url http://www.cisco.com/security/pki/trs/ios_core.p7b'],
    ['4-no-dns-response', 'NO_DNS_RESPONSE', 'ip name-server <dns-server-ip> use-vrf management'],
  ])('%s is diagnosed as %s', (folder, problem, command) => {
    const d = diagnoseTexts({ runningConfigCallhome: read(folder, 'running-config-callhome.txt'), licenseStatus: read(folder, 'license-status.txt') });
    expect(d.findings.map((f) => f.problem)).toEqual([problem]);
    expect(d.findings[0].remedy).toContain(command);
    expect(d.findings[0].evidence.length).toBeGreaterThan(0);
    const statusOnly = diagnoseTexts({ licenseStatus: read(folder, 'license-status.txt') });
    expect(statusOnly.findings.map((f) => f.problem)).toEqual([problem]);
  });

  it('problems 1 and 2 show in the configuration alone', () => {
    expect(diagnoseTexts({ runningConfigCallhome: read('1-source-interface', 'running-config-callhome.txt') }).findings[0].evidence).toContain('ip http source-interface Vlan27');
    expect(diagnoseTexts({ runningConfigCallhome: read('2-http-destination', 'running-config-callhome.txt') }).findings[0].problem).toBe('HTTP_DESTINATION');
  });

  it('healthy gives no finding; with configuration only, problems 3 and 4 are named as checks', () => {
    for (const folder of ['healthy', '3-untrusted-root-ca', '4-no-dns-response']) {
      const d = diagnoseTexts({ runningConfigCallhome: read(folder, 'running-config-callhome.txt') });
      expect(d.findings).toEqual([]);
      expect(d.checks?.map((c) => c.problem)).toEqual(['UNTRUSTED_ROOT_CA', 'NO_DNS_RESPONSE']);
    }
    expect(diagnoseTexts({})).toEqual({ findings: [] });
  });

  it('parses a pasted status', () => {
    const p = parseLicenseStatusText(read('1-source-interface', 'license-status.txt'));
    expect(p).toMatchObject({
      smartLicensing: 'ENABLED',
      registration: { status: 'REGISTERING', exportControlled: false, initial: { result: 'FAILED', at: T0, reason: NO_PATH }, nextRegistrationAt: T0 + 15 * 60_000 },
      authorization: { status: 'EVAL MODE', evaluationRemaining: '89 days, 23 hr, 59 min' },
      failureReasons: [NO_PATH],
    });
  });
});

describe('SPEC §11 diagnosis from live state', () => {
  const failedWith = (reason: string): AgentState => {
    const { state, effects } = run(freshState(), T0, { type: 'register', idToken: 't' });
    return settle(state, effects, T0, () => reason).state;
  };
  const net = (patch: Partial<NetworkConfig>): NetworkConfig => ({ ...defaultNetwork(), ...patch });

  it('healthy switch: no finding', () => {
    expect(diagnoseLive({ state: freshState(), network: net({ nameServers: { management: ['10.0.0.53'] } }) }).findings).toEqual([]);
  });

  it('source interface outside the Call Home VRF or without a path', () => {
    const callhome = { ...CALLHOME, sourceInterface: 'Vlan27' };
    const network = net({ interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }, { name: 'Vlan27', vrf: 'default', reachable: true }], hosts: { 'tools.cisco.com': '1.2.3.4' } });
    const d = diagnoseLive({ state: failedWith(NO_PATH), callhome, network });
    expect(d.findings).toEqual([
      expect.objectContaining({ problem: 'SOURCE_INTERFACE_NO_PATH', evidence: expect.arrayContaining(['Vlan27 is in VRF default, Call Home uses VRF management', `Failure reason: ${NO_PATH}`]) }),
    ]);
    const unreachable = net({ interfaces: [{ name: 'Vlan27', vrf: 'management', reachable: false }], hosts: { 'tools.cisco.com': '1.2.3.4' } });
    expect(diagnoseLive({ state: freshState(), callhome, network: unreachable }).findings[0].evidence[1]).toMatch(/no path/);
    const missing = net({ hosts: { 'tools.cisco.com': '1.2.3.4' } });
    expect(diagnoseLive({ state: freshState(), callhome, network: missing }).findings[0].evidence[1]).toBe('Vlan27 does not exist');
  });

  it('http destination, legacy trust anchor, no DNS', () => {
    const http = { ...CALLHOME, destinationUrl: 'http://10.0.0.1/its/service/oddce/services/DDCEService' };
    expect(diagnoseLive({ state: failedWith(CALLHOME_FAILURE_REASONS.UNPARSEABLE), callhome: http, network: net({}) }).findings.map((f) => f.problem)).toEqual(['HTTP_DESTINATION']);
    const legacy = net({ trustAnchors: ['legacy'], hosts: { 'tools.cisco.com': '1.2.3.4' } });
    expect(diagnoseLive({ state: failedWith(CALLHOME_FAILURE_REASONS.UNTRUSTED_CA), network: legacy }).findings.map((f) => f.problem)).toEqual(['UNTRUSTED_ROOT_CA']);
    const dns = diagnoseLive({ state: failedWith(CALLHOME_FAILURE_REASONS.noDnsResponse('tools.cisco.com')), network: net({}) });
    expect(dns.findings.map((f) => f.problem)).toEqual(['NO_DNS_RESPONSE']);
    expect(dns.findings[0].evidence).toHaveLength(2);
  });
});
