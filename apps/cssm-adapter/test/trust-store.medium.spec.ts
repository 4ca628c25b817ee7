import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TrustStore } from '../src/trust/trust-store';
import { writeCaFiles } from './support/ca-files';
import { createTestPki, TestPki } from './support/test-pki';
import { startHttpsServer, TestServer } from './support/test-servers';

// Where "current"/"legacy" come from: the servers' files, else the server's bootstrap answer.
describe('TrustStore', () => {
  let pki: TestPki;
  let caServer: TestServer;
  beforeAll(async () => {
    pki = await createTestPki();
    caServer = await startHttpsServer(pki, (req, res) => {
      if (req.method === 'GET' && req.url === '/admin/api/v1/ca') res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ current: 'SERVER-CURRENT', legacy: 'SERVER-LEGACY' }));
      else res.writeHead(404).end();
    });
  });
  afterAll(async () => caServer.close());
  const store = (stateDir: string, cssmUrl = `https://127.0.0.1:${caServer.port}`) => new TrustStore({ stateDir, namespace: 'fx', cssmUrl, fetchTimeoutMs: 2000 });

  it('bootstraps from the server when no file exists, then prefers the files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetlic-trust-'));
    const trust = store(dir);
    await trust.load();
    expect(trust.current()).toEqual({ current: 'SERVER-CURRENT', legacy: 'SERVER-LEGACY' });
    await writeCaFiles(dir, 'fx', 'cloud', { current: pki.currentPem, legacy: pki.legacyPem });
    expect(await trust.refresh()).toBe(true);
    expect(trust.current()).toEqual({ current: `${pki.currentPem}\n`, legacy: `${pki.legacyPem}\n` });
    expect(await trust.refresh()).toBe(false);
  });

  it('trusts the roots of every instance of its namespace only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetlic-trust-'));
    await writeCaFiles(dir, 'fx', 'cloud', { current: 'C1\n', legacy: 'L1\n' });
    await writeCaFiles(dir, 'fx', 'onprem', { current: 'C2\n', legacy: 'L2\n' });
    await writeCaFiles(dir, 'other', 'cloud', { current: 'NO\n', legacy: 'NO\n' });
    const trust = store(dir);
    await trust.load();
    expect(trust.current()).toEqual({ current: 'C1\nC2\n', legacy: 'L1\nL2\n' });
  });

  it('stays empty (trusting nothing) when neither files nor server exist', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fleetlic-trust-'));
    const trust = store(dir, 'https://127.0.0.1:1');
    await trust.load();
    expect(trust.current()).toEqual({ current: '', legacy: '' });
  });
});
