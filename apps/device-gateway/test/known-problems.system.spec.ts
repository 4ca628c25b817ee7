import { readFileSync } from 'node:fs';
import { expectEventually, startStack, type Stack } from '@fleetlic/testing';
import { gateway, licenseServer, SIMULATED_ENV, switchBody } from './support/system-fixture';

// Issue 5, system test 3: each known problem of SPEC §11 produced only by the switch's
// configuration, seen in `show license status` and named by the diagnosis, live and from texts.
let stack: Stack;
let token: string;
const EXAMPLES = '/work/shared/examples/known-problems';

beforeAll(async () => {
  stack = await startStack({ env: SIMULATED_ENV });
  const cssm = licenseServer(stack);
  await cssm.setUp('Default', 100);
  token = await cssm.token('Default', { uses: 100 });
});
afterAll(async () => {
  await stack?.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

const DEVICE_PATH = '/its/service/oddce/services/DDCEService';
const healthyCallhome = () => ({ enabled: true, emailContact: 'noc@example.com', destinationUrl: `${stack.cssmUrl}${DEVICE_PATH}`, transportMethod: 'http', vrf: 'management' });
const healthyNetwork = () => ({ interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }], nameServers: {}, hosts: {}, trustAnchors: ['current'] });

const problems: { id: string; name: string; reason: RegExp; config: () => { callhome?: object; network?: object } }[] = [
  {
    id: 'SOURCE_INTERFACE_NO_PATH',
    name: 'kp-source-interface',
    reason: /Failure reason: Fail to send out Call Home HTTP message\n/,
    config: () => ({
      callhome: { ...healthyCallhome(), sourceInterface: 'Vlan27' },
      network: { ...healthyNetwork(), interfaces: [{ name: 'mgmt0', vrf: 'management', reachable: true }, { name: 'Vlan27', vrf: 'default', reachable: false }] },
    }),
  },
  {
    id: 'HTTP_DESTINATION',
    name: 'kp-http-destination',
    reason: /Failure reason: Unable to parse SCH server response\n/,
    config: () => ({ callhome: { ...healthyCallhome(), destinationUrl: `http://127.0.0.1:${stack.env.FLEETLIC_CSSM_HTTP_PORT}${DEVICE_PATH}` } }),
  },
  {
    id: 'UNTRUSTED_ROOT_CA',
    name: 'kp-untrusted-ca',
    reason: /Failure reason: Failed to send Call Home HTTP message \(failed to create IPC connection with call-home\)\n/,
    config: () => ({ network: { ...healthyNetwork(), trustAnchors: ['legacy'] } }),
  },
  {
    id: 'NO_DNS_RESPONSE',
    name: 'kp-no-dns',
    reason: /Failure reason: Call Home message timed out: no DNS response for cssm\.fleetlic\.test\n/,
    config: () => ({ callhome: { ...healthyCallhome(), destinationUrl: `https://cssm.fleetlic.test:${stack.env.FLEETLIC_CSSM_HTTPS_PORT}${DEVICE_PATH}` } }),
  },
];

describe.each(problems)('$id', ({ id, name, reason, config }) => {
  it('shows its failure reason in show license status and is named, with a remedy, by the diagnosis', async () => {
    const api = gateway(stack, 'operator');
    const { callhome, network } = config();
    expect((await api('POST', '/switches', { body: switchBody(name, `FDO-${name}`) })).status).toBe(201);
    if (callhome) expect((await api('PUT', `/switches/${name}/callhome`, { body: callhome })).status).toBe(200);
    if (network) expect((await api('PUT', `/switches/${name}/network`, { body: network })).status).toBe(200);
    const registered = await api('POST', `/switches/${name}/license/register?wait=true`, { body: { idToken: token } });
    expect(registered.status).toBe(200);
    expect(registered.body.registration.status).not.toBe('REGISTERED');
    await expectEventually(async () => expect((await api('GET', `/switches/${name}/license/status`, { accept: 'text/plain' })).text).toMatch(reason), { timeoutMs: 20_000, intervalMs: 200 });
    const diagnosis = await api('GET', `/switches/${name}/diagnosis`);
    const finding = diagnosis.body.findings.find((f: { problem: string }) => f.problem === id);
    expect(finding).toBeDefined();
    expect(finding.remedy.length).toBeGreaterThan(0);
  });
});

describe('POST /diagnose with the texts of examples/known-problems', () => {
  const dirs: [string, string][] = [
    ['1-source-interface', 'SOURCE_INTERFACE_NO_PATH'],
    ['2-http-destination', 'HTTP_DESTINATION'],
    ['3-untrusted-root-ca', 'UNTRUSTED_ROOT_CA'],
    ['4-no-dns-response', 'NO_DNS_RESPONSE'],
  ];
  it.each(dirs)('%s → %s', async (dir, id) => {
    const body = {
      runningConfigCallhome: readFileSync(`${EXAMPLES}/${dir}/running-config-callhome.txt`, 'utf8'),
      licenseStatus: readFileSync(`${EXAMPLES}/${dir}/license-status.txt`, 'utf8'),
    };
    const res = await gateway(stack, 'viewer')('POST', '/diagnose', { body });
    expect(res.status).toBe(200);
    expect(res.body.findings.map((f: { problem: string }) => f.problem)).toContain(id);
  });

  it('finds nothing in a healthy configuration', async () => {
    const res = await gateway(stack, 'viewer')('POST', '/diagnose', { body: { runningConfigCallhome: readFileSync(`${EXAMPLES}/healthy/running-config-callhome.txt`, 'utf8') } });
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual([]);
  });
});
