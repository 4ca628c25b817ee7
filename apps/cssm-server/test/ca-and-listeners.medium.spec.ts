import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AddressInfo } from 'node:net';
import { CaService } from '../src/ca/ca.service';
import { caFilePath } from '../src/ca/ca-files.writer';
import { createPlainHttpServer } from '../src/http/plain-http-page';
import { createTlsServer } from '../src/http/tls-server';
import { call, Harness, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

function httpsGet(port: number, ca: string, servername = 'localhost'): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest({ host: '127.0.0.1', port, path: '/health', ca, servername, method: 'GET' }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(data));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('cssm-server CA roots, TLS and plain HTTP', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('creates current and legacy roots (EC P-256, CA) once, keeps them, serves and writes them as PEM', async () => {
    const { body } = await call('GET', `${h.url}/admin/api/v1/ca`);
    const current = new X509Certificate(body.current);
    const legacy = new X509Certificate(body.legacy);
    expect(current.ca && legacy.ca).toBe(true);
    expect(current.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(current.fingerprint256).not.toBe(legacy.fingerprint256);
    expect(readFileSync(caFilePath(h.config, 'current'), 'utf8')).toBe(body.current);
    expect(readFileSync(caFilePath(h.config, 'legacy'), 'utf8')).toBe(body.legacy);
    expect(caFilePath(h.config, 'current')).toMatch(new RegExp(`${h.config.namespace}-cloud-ca-current\\.pem$`));
    expect(await h.app.get(CaService).ensureRoots()).toEqual(body);
  });

  it('serves HTTPS with a certificate trusted through current, not legacy; rotation swaps it', async () => {
    const ca = h.app.get(CaService);
    const server = await createTlsServer(ca, ['localhost', '127.0.0.1', '::1', 'cssm.fleetlic.test'], h.app.getHttpAdapter().getInstance());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const before = await ca.certificates();
      expect(JSON.parse(await httpsGet(port, before.current, 'cssm.fleetlic.test'))).toMatchObject({ status: 'ok' });
      await expect(httpsGet(port, before.legacy)).rejects.toThrow();

      const s = new SimulatedSwitch(h.url, 'N9K-C93180YC-FX', 'ROT1');
      const acct = await h.account('rot.example.com', 'Default');
      await s.register(await acct.token());

      const rotated = await call('POST', `${h.url}/admin/api/v1/ca/rotate`, await h.bearer());
      expect(rotated.status).toBe(200);
      expect(rotated.body.legacy).toBe(before.current);
      expect(rotated.body.current).not.toBe(before.current);
      expect(readFileSync(caFilePath(h.config, 'legacy'), 'utf8')).toBe(before.current);
      expect(JSON.parse(await httpsGet(port, rotated.body.current))).toMatchObject({ status: 'ok' });
      await expect(httpsGet(port, before.current)).rejects.toThrow();

      // New ID certificates come from the new root; the old instance still signs with its key.
      expect((await s.authorize([])).body.status).toBe('SUCCESS');
      const s2 = new SimulatedSwitch(h.url, 'N9K-C93180YC-FX', 'ROT2');
      const reg = await s2.register(await acct.token());
      expect(new X509Certificate(reg.body.idCertificate).checkIssued(new X509Certificate(rotated.body.current))).toBe(true);
    } finally {
      server.close();
    }
  });

  it('answers plain HTTP with an HTML page, whatever the request', async () => {
    const server = createPlainHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const post = await fetch(`http://127.0.0.1:${port}/its/service/oddce/services/DDCEService`, { method: 'POST', body: '{"type":"register"}' });
      expect(post.status).toBe(200);
      expect(post.headers.get('content-type')).toMatch(/text\/html/);
      expect(await post.text()).toMatch(/^<!DOCTYPE html>/);
      const got = await new Promise<number>((resolve) => httpGet(`http://127.0.0.1:${port}/health`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }));
      expect(got).toBe(200);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
