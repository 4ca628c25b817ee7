import { CALLHOME_FAILURE_REASONS, DEVICE_PATHS } from '@fleetlic/contracts';
import { performCallhomeExchange } from '../src/callhome/callhome.client';
import { callhomeInput, deregisterRequest } from './support/callhome-input';
import { createTestPki, TestPki } from './support/test-pki';
import { answerHtml, startHttpServer, startHttpsServer, TestServer } from './support/test-servers';

// Method 1 and problem 2 against real local servers: what goes on the wire and how answers read.
describe('Call Home exchange, direct (method 1)', () => {
  let pki: TestPki;
  let https: TestServer;
  let html: TestServer;
  let custom: TestServer | undefined;
  beforeAll(async () => {
    pki = await createTestPki();
    https = await startHttpsServer(pki);
    html = await startHttpServer(answerHtml);
  });
  afterEach(async () => custom?.close());
  afterAll(async () => Promise.all([https.close(), html.close()]));
  const url = (port: number, host = '127.0.0.1', scheme = 'https') => `${scheme}://${host}:${port}${DEVICE_PATHS.cloud}`;

  it('posts the device JSON with Content-Type and Fleetlic-Time and returns the answer', async () => {
    const reply = await performCallhomeExchange(callhomeInput(pki, url(https.port), { time: '2031-05-01T00:00:00.000Z' }));
    expect(reply).toEqual({ ok: true, answer: { status: 'SUCCESS', serverTime: '2030-01-01T00:00:00.000Z' } });
    const seen = https.seen.at(-1)!;
    expect(seen).toMatchObject({ method: 'POST', url: DEVICE_PATHS.cloud, body: JSON.stringify(deregisterRequest) });
    expect(seen.headers['content-type']).toBe('application/json');
    expect(seen.headers['fleetlic-time']).toBe('2031-05-01T00:00:00.000Z');
  });

  it('reaches a named host through the static ip host table, verifying that name', async () => {
    const reply = await performCallhomeExchange(callhomeInput(pki, url(https.port, 'cssm.fleetlic.test'), { network: { hosts: { 'cssm.fleetlic.test': '127.0.0.1' } } }));
    expect(reply.ok).toBe(true);
    expect(https.seen.at(-1)!.headers.host).toBe(`cssm.fleetlic.test:${https.port}`);
  });

  it('problem 2: an http:// destination gets the HTML page, which cannot be parsed', async () => {
    const reply = await performCallhomeExchange(callhomeInput(pki, url(html.port, '127.0.0.1', 'http')));
    expect(reply).toEqual({ ok: false, kind: 'UNPARSEABLE', reason: CALLHOME_FAILURE_REASONS.UNPARSEABLE });
    expect(html.seen.at(-1)!.method).toBe('POST');
  });

  it('a refusal is an answer whatever the HTTP status', async () => {
    const refusal = { status: 'FAILED', code: 'SIGNATURE_INVALID', reason: 'The message signature is not valid' };
    custom = await startHttpsServer(pki, (_q, res) => res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify(refusal)));
    expect(await performCallhomeExchange(callhomeInput(pki, url(custom.port)))).toEqual({ ok: true, answer: refusal });
  });

  it('non-2xx without a device answer is an HTTP failure', async () => {
    custom = await startHttpsServer(pki, (_q, res) => res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"boom"}'));
    expect(await performCallhomeExchange(callhomeInput(pki, url(custom.port)))).toEqual({ ok: false, kind: 'HTTP', reason: CALLHOME_FAILURE_REASONS.NO_PATH });
  });

  it.each([
    ['not JSON', 'hello'],
    ['JSON that is not a device answer', '{"status":"MAYBE"}'],
  ])('%s over https is unparseable', async (_name, body) => {
    custom = await startHttpsServer(pki, (_q, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(body));
    expect(await performCallhomeExchange(callhomeInput(pki, url(custom.port)))).toMatchObject({ ok: false, kind: 'UNPARSEABLE' });
  });

  it('a server that never answers fails at the Call Home timeout', async () => {
    custom = await startHttpsServer(pki, () => undefined);
    const started = Date.now();
    const reply = await performCallhomeExchange(callhomeInput(pki, url(custom.port), { timeoutMs: 400 }));
    expect(reply).toEqual({ ok: false, kind: 'TIMEOUT', reason: CALLHOME_FAILURE_REASONS.NO_PATH });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it.each([
    ['Call Home disabled', { enabled: false }],
    ['no destination', { destinationUrl: '' }],
    ['a destination that is not http(s)', { destinationUrl: 'ftp://127.0.0.1/x' }],
  ])('%s is a CONFIG failure', async (_name, callhome) => {
    expect(await performCallhomeExchange(callhomeInput(pki, url(https.port), { callhome }))).toEqual({ ok: false, kind: 'CONFIG', reason: CALLHOME_FAILURE_REASONS.NO_PATH });
  });

  it('a refused connection is a send failure', async () => {
    custom = await startHttpServer();
    const port = custom.port;
    await custom.close();
    custom = undefined;
    expect(await performCallhomeExchange(callhomeInput(pki, url(port)))).toEqual({ ok: false, kind: 'NO_PATH', reason: CALLHOME_FAILURE_REASONS.NO_PATH });
  });
});
