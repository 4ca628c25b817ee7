import { createServer, type AddressInfo } from 'node:net';
import { CALLHOME_FAILURE_REASONS, DEVICE_PATHS } from '@fleetlic/contracts';
import { performCallhomeExchange } from '../src/callhome/callhome.client';
import { callhomeInput } from './support/callhome-input';
import { startNameServer, TestNameServer } from './support/test-dns';
import { createTestPki, TestPki } from './support/test-pki';
import { startHttpsServer, TestServer } from './support/test-servers';

// Known problems 1, 3 and 4 of SPEC §11, each through its real mechanism on real sockets.
describe('Call Home exchange, known problems', () => {
  let pki: TestPki;
  let https: TestServer;
  let silent: TestNameServer;
  let answering: TestNameServer;
  beforeAll(async () => {
    pki = await createTestPki();
    https = await startHttpsServer(pki);
    silent = await startNameServer();
    answering = await startNameServer({ 'cssm.fleetlic.test': '127.0.0.1' });
  });
  afterAll(async () => Promise.all([https.close(), silent.close(), answering.close()]));
  const url = (host = '127.0.0.1') => `https://${host}:${https.port}${DEVICE_PATHS.cloud}`;
  const noPath = { ok: false, kind: 'NO_PATH', reason: CALLHOME_FAILURE_REASONS.NO_PATH };

  describe('problem 1: source interface without a path', () => {
    const interfaces = [
      { name: 'mgmt0', vrf: 'management', reachable: true },
      { name: 'Vlan27', vrf: 'default', reachable: true },
      { name: 'Ethernet1/1', vrf: 'management', reachable: false },
    ];
    it.each([
      ['an interface in another VRF', 'Vlan27'],
      ['an unreachable interface', 'Ethernet1/1'],
      ['a missing interface', 'Vlan99'],
    ])('%s fails to send', async (_name, sourceInterface) => {
      const reply = await performCallhomeExchange(callhomeInput(pki, url(), { callhome: { sourceInterface }, network: { interfaces } }));
      expect(reply).toEqual(noPath);
    });
    it('no interface in the Call Home VRF fails to send', async () => {
      expect(await performCallhomeExchange(callhomeInput(pki, url(), { callhome: { vrf: 'blue' }, network: { interfaces } }))).toEqual(noPath);
    });
    it('the remedy, ip http source-interface mgmt0, works', async () => {
      expect((await performCallhomeExchange(callhomeInput(pki, url(), { callhome: { sourceInterface: 'mgmt0' }, network: { interfaces } }))).ok).toBe(true);
    });
  });

  describe('problem 3: trust anchors', () => {
    const untrusted = { ok: false, kind: 'TLS', reason: CALLHOME_FAILURE_REASONS.UNTRUSTED_CA };
    it('only the legacy root fails verification', async () => {
      expect(await performCallhomeExchange(callhomeInput(pki, url(), { network: { trustAnchors: ['legacy'] } }))).toEqual(untrusted);
    });
    it('no anchors at all never falls back to the bundled roots', async () => {
      expect(await performCallhomeExchange(callhomeInput(pki, url(), { network: { trustAnchors: [] } }))).toEqual(untrusted);
    });
    it('a literal PEM of the current root is trusted', async () => {
      expect((await performCallhomeExchange(callhomeInput(pki, url(), { network: { trustAnchors: ['legacy', pki.currentPem] } }))).ok).toBe(true);
    });
    it('a TLS session is resumed only by a switch with the same anchors', async () => {
      const trusted = () => performCallhomeExchange(callhomeInput(pki, url(), { network: { trustAnchors: ['current'] } }));
      expect((await trusted()).ok).toBe(true);
      expect((await trusted()).ok).toBe(true);
      expect(https.seen.at(-1)!.resumed).toBe(true);
      // The cached session of "current" must not carry a switch that lacks that anchor.
      expect(await performCallhomeExchange(callhomeInput(pki, url(), { network: { trustAnchors: ['legacy'] } }))).toEqual(untrusted);
    });
    it('a server that drops the connection mid-handshake (a restart) fails to send; no certificate was distrusted', async () => {
      // Found by the chaos test at 2,000 switches: license-server kills showed as untrusted CAs.
      const dropper = createServer((socket) => socket.once('data', () => socket.destroy()));
      await new Promise<void>((r) => dropper.listen(0, '127.0.0.1', r));
      const { port } = dropper.address() as AddressInfo;
      try {
        expect(await performCallhomeExchange(callhomeInput(pki, `https://127.0.0.1:${port}${DEVICE_PATHS.cloud}`))).toEqual(noPath);
      } finally {
        await new Promise((r) => dropper.close(r));
      }
    });
    it('a name outside the certificate fails verification', async () => {
      const reply = await performCallhomeExchange(callhomeInput(pki, url('evil.example'), { network: { hosts: { 'evil.example': '127.0.0.1' } } }));
      expect(reply).toEqual(untrusted);
    });
  });

  describe('problem 4: name resolution', () => {
    const named = () => url('cssm.fleetlic.test');
    const noDns = { ok: false, kind: 'DNS', reason: CALLHOME_FAILURE_REASONS.noDnsResponse('cssm.fleetlic.test') };
    it('a silent name server holds the message until the Call Home timeout', async () => {
      const before = silent.queries;
      const started = Date.now();
      const reply = await performCallhomeExchange(callhomeInput(pki, named(), { timeoutMs: 500, network: { nameServers: { management: [silent.address] } } }));
      expect(reply).toEqual(noDns);
      expect(Date.now() - started).toBeGreaterThanOrEqual(490);
      expect(silent.queries).toBeGreaterThan(before);
    });
    it('no name server in the VRF also waits for the timeout on the real clock', async () => {
      const started = Date.now();
      const reply = await performCallhomeExchange(callhomeInput(pki, named(), { timeoutMs: 300, network: { nameServers: { default: [answering.address] } } }));
      expect(reply).toEqual(noDns);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });
    it('on the simulated clock an unanswerable lookup fails at once', async () => {
      const started = Date.now();
      expect(await performCallhomeExchange(callhomeInput(pki, named(), { timeoutMs: 5000, simulated: true }))).toEqual(noDns);
      expect(Date.now() - started).toBeLessThan(1000);
    });
    it('an answering name server in the VRF resolves the name', async () => {
      const reply = await performCallhomeExchange(callhomeInput(pki, named(), { network: { nameServers: { management: [answering.address] } } }));
      expect(reply.ok).toBe(true);
    });
    it('localhost needs no name server, as in every host table', async () => {
      expect((await performCallhomeExchange(callhomeInput(pki, url('localhost'), { simulated: true }))).ok).toBe(true);
    });
    it('a static ip host wins over a silent name server', async () => {
      const network = { nameServers: { management: [silent.address] }, hosts: { 'CSSM.fleetlic.test': '127.0.0.1' } };
      expect((await performCallhomeExchange(callhomeInput(pki, named(), { network }))).ok).toBe(true);
    });
  });
});
