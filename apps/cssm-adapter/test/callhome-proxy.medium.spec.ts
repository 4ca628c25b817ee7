import { CALLHOME_FAILURE_REASONS, DEVICE_PATHS } from '@fleetlic/contracts';
import { startConnectProxy, ConnectProxy } from '../../../libs/testing/src/connect-proxy';
import { performCallhomeExchange } from '../src/callhome/callhome.client';
import { callhomeInput } from './support/callhome-input';
import { createTestPki, TestPki } from './support/test-pki';
import { startHttpsServer, TestServer } from './support/test-servers';

// Method 2: HTTPS through an HTTP proxy's CONNECT tunnel, verified end to end past the proxy.
describe('Call Home exchange through a proxy (method 2)', () => {
  let pki: TestPki;
  let https: TestServer;
  let proxy: ConnectProxy;
  let refusing: ConnectProxy;
  beforeAll(async () => {
    pki = await createTestPki();
    https = await startHttpsServer(pki);
    proxy = await startConnectProxy({ hosts: { 'cssm.fleetlic.test': '127.0.0.1' } });
    refusing = await startConnectProxy({ refuse: true });
  });
  afterAll(async () => Promise.all([https.close(), proxy.close(), refusing.close()]));
  const url = (host = '127.0.0.1') => `https://${host}:${https.port}${DEVICE_PATHS.cloud}`;
  const viaProxy = (p: { host: string; port: number }, enabled = true) => ({ callhome: { proxy: { host: p.host, port: p.port, enabled } } });
  const proxyFailure = { ok: false, kind: 'PROXY', reason: CALLHOME_FAILURE_REASONS.NO_PATH };

  it('tunnels the exchange through the proxy, which resolves the server name', async () => {
    const before = proxy.connections;
    // The switch has no name server: only the proxy can resolve cssm.fleetlic.test.
    const reply = await performCallhomeExchange(callhomeInput(pki, url('cssm.fleetlic.test'), viaProxy(proxy)));
    expect(reply.ok).toBe(true);
    expect(proxy.connections).toBe(before + 1);
  });

  it('a configured but disabled proxy is not used', async () => {
    const before = proxy.connections;
    expect((await performCallhomeExchange(callhomeInput(pki, url(), viaProxy(proxy, false)))).ok).toBe(true);
    expect(proxy.connections).toBe(before);
  });

  it('the proxy host is resolved like any name (ip host)', async () => {
    const input = callhomeInput(pki, url(), { ...viaProxy({ host: 'proxy.corp', port: proxy.port }), network: { hosts: { 'proxy.corp': '127.0.0.1' } } });
    expect((await performCallhomeExchange(input)).ok).toBe(true);
  });

  it('TLS is still verified against the switch anchors through the tunnel', async () => {
    const reply = await performCallhomeExchange(callhomeInput(pki, url(), { ...viaProxy(proxy), network: { trustAnchors: ['legacy'] } }));
    expect(reply).toMatchObject({ ok: false, kind: 'TLS' });
  });

  it('a proxy that refuses the tunnel is a proxy failure', async () => {
    expect(await performCallhomeExchange(callhomeInput(pki, url(), viaProxy(refusing)))).toEqual(proxyFailure);
  });

  it('an unreachable proxy is a proxy failure', async () => {
    const gone = await startConnectProxy();
    await gone.close();
    expect(await performCallhomeExchange(callhomeInput(pki, url(), viaProxy(gone)))).toEqual(proxyFailure);
  });

  it('a destination the proxy cannot reach is a proxy failure', async () => {
    expect(await performCallhomeExchange(callhomeInput(pki, url('nowhere.invalid'), viaProxy(proxy)))).toEqual(proxyFailure);
  });

  it('the source interface still applies to the connection to the proxy', async () => {
    const input = callhomeInput(pki, url(), { callhome: { ...viaProxy(proxy).callhome, sourceInterface: 'Vlan27' } });
    expect(await performCallhomeExchange(input)).toMatchObject({ ok: false, kind: 'NO_PATH' });
  });
});
