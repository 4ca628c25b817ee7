import 'reflect-metadata';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AdapterCall, adapterReplySchema, defaultNetwork, DEVICE_PATHS, parseEnv, subjects } from '@fleetlic/contracts';
import { Messaging } from '@fleetlic/messaging';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { z } from 'zod';
import { AdapterModule } from '../src/adapter.module';
import { deregisterRequest } from './support/callhome-input';
import { writeCaFiles } from './support/ca-files';
import { createTestPki, TestPki } from './support/test-pki';
import { startHttpsServer, TestServer } from './support/test-servers';

// The worker in-process against the real NATS: queue-group request/reply, CA files, rotation.
describe('cssm-adapter worker', () => {
  const ns = `t${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  let pki: TestPki;
  let server: TestServer;
  let stateDir: string;
  let app: INestApplicationContext | undefined;
  let client: Messaging;
  const spans = new InMemorySpanExporter();

  beforeAll(async () => {
    // What the telemetry preload does in a service: a global provider and async context.
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
    pki = await createTestPki();
    server = await startHttpsServer(pki);
    stateDir = await mkdtemp(join(tmpdir(), 'fleetlic-adapter-'));
    await writeCaFiles(stateDir, ns, 'cloud', { current: pki.currentPem, legacy: pki.legacyPem });
    const env = parseEnv({ NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', FLEETLIC_NAMESPACE: ns, FLEETLIC_STATE_DIR: stateDir, FLEETLIC_CALLHOME_TIMEOUT_MS: '2000' });
    if (!env.ok) throw new Error(env.message);
    app = await NestFactory.createApplicationContext(AdapterModule.forRoot(env.env), { logger: false });
    await app.init();
    client = await Messaging.connect({ url: env.env.NATS_URL, namespace: ns, name: 'adapter-test' });
  });
  afterAll(async () => {
    await client?.close();
    await app?.close();
    await server?.close();
  });

  const call = (port: number, extra: Partial<AdapterCall> = {}): AdapterCall => ({
    switchId: '7f0c3a52-8d0e-4a55-9b7c-0d7f3c1a2b3c',
    callhome: { enabled: true, emailContact: 'noc@example.com', destinationUrl: `https://127.0.0.1:${port}${DEVICE_PATHS.cloud}`, transportMethod: 'http', vrf: 'management' },
    network: defaultNetwork(),
    request: deregisterRequest,
    ...extra,
  });
  const request = (payload: unknown, time?: number) => client.request(subjects(ns).adapterCall, payload, { schema: adapterReplySchema, timeoutMs: 7000, time });

  it('answers health', async () => {
    const health = await client.request(subjects(ns).health('cssm-adapter'), {}, { schema: z.object({ status: z.string() }) });
    expect(health.status).toBe('ok');
  });

  it('performs the exchange, trusting the CA files, and forwards the sender time', async () => {
    const time = Date.parse('2032-02-02T02:02:02.000Z');
    expect(await request(call(server.port), time)).toEqual({ ok: true, answer: { status: 'SUCCESS', serverTime: '2030-01-01T00:00:00.000Z' } });
    expect(server.seen.at(-1)!.headers['fleetlic-time']).toBe('2032-02-02T02:02:02.000Z');
  });

  it('answers a failure as data', async () => {
    const reply = await request(call(server.port, { network: { ...defaultNetwork(), trustAnchors: ['legacy'] } }));
    expect(reply).toMatchObject({ ok: false, kind: 'TLS' });
  });

  it('records a cssm.exchange span with switch, method and outcome, and no secret', async () => {
    const register = { type: 'register' as const, messageId: 'reg-1', udi: deregisterRequest.udi, idToken: 'SECRET-ID-TOKEN-123', csr: 'CSR-PEM' };
    const onprem = call(server.port, { request: register });
    onprem.callhome.destinationUrl = `https://127.0.0.1:${server.port}${DEVICE_PATHS.onprem}`;
    await request(onprem);
    const span = spans.getFinishedSpans().findLast((s) => s.name === 'cssm.exchange')!;
    expect(span.attributes).toMatchObject({ 'switch.id': onprem.switchId, 'cssm.method': 3, 'cssm.outcome': 'UNPARSEABLE' });
    expect(JSON.stringify(spans.getFinishedSpans().map((s) => [s.attributes, s.events]))).not.toMatch(/SECRET-ID-TOKEN|CSR-PEM/);
  });

  it('rejects a malformed call with an error body', async () => {
    await expect(request({ switchId: 'x' })).rejects.toThrow();
  });

  it('picks up a rotated CA from the files after a TLS failure', async () => {
    const rotated = await createTestPki();
    const rotatedServer = await startHttpsServer(rotated);
    try {
      // The server now presents a chain from a root the adapter has not loaded yet.
      await writeCaFiles(stateDir, ns, 'cloud', { current: rotated.currentPem, legacy: pki.currentPem });
      expect(await request(call(rotatedServer.port))).toMatchObject({ ok: true });
      expect(await request(call(rotatedServer.port, { network: { ...defaultNetwork(), trustAnchors: ['legacy'] } }))).toMatchObject({ ok: false, kind: 'TLS' });
    } finally {
      await rotatedServer.close();
    }
  });

  it('on shutdown, answers the exchange in flight before closing', async () => {
    let release: () => void = () => undefined;
    const slow = await startHttpsServer(pki, (_q, res) => {
      release = () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'SUCCESS', serverTime: 't' }));
    });
    try {
      // Literal anchor: the rotation test above replaced what "current" means.
      const pending = request(call(slow.port, { network: { ...defaultNetwork(), trustAnchors: [pki.currentPem] } }));
      await expectEventually(() => slow.seen.length === 1);
      const closing = app!.close();
      app = undefined;
      release();
      expect(await pending).toMatchObject({ ok: true });
      await closing;
    } finally {
      await slow.close();
    }
  });
});

/** Polls `check` until true or the deadline (no fixed sleeps in tests). */
async function expectEventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
