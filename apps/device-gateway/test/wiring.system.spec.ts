import { expectEventually, startStack, type Stack } from '@fleetlic/testing';
import { ancestors, httpServerSpan, SPAN_KIND } from './support/spans';
import { gateway, SIMULATED_ENV, switchBody } from './support/system-fixture';

// Issue 2's one real flow: a switch created over HTTP, its status rendered by the licensing
// agent reached over NATS, and one trace from the gateway's HTTP span to the agent's consume span.
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ env: SIMULATED_ENV });
});
afterAll(async () => {
  await stack?.stop();
});
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') stack?.dumpLogs();
});

it('creates a switch and shows it unregistered in evaluation mode, as NX-OS prints it', async () => {
  const api = gateway(stack, 'operator');
  const created = await api('POST', '/switches', { body: switchBody('leaf-101', 'FDO00000101') });
  expect(created.status).toBe(201);
  expect(created.body.name).toBe('leaf-101');

  const status = await api('GET', '/switches/leaf-101/license/status', { accept: 'text/plain' });
  expect(status.status).toBe(200);
  expect(status.type).toMatch(/^text\/plain/);
  expect(status.text).toMatch(/^Smart Licensing is ENABLED\n\nRegistration:\n {2}Status: UNREGISTERED\n/);
  expect(status.text).toContain('License Authorization:\n  Status: EVAL MODE\n');

  const json = await api('GET', '/switches/leaf-101/license/status');
  expect(json.body).toMatchObject({ name: 'leaf-101', smartLicensing: 'ENABLED', registration: { status: 'UNREGISTERED' }, authorization: { status: 'EVAL MODE' } });
});

it('holds the gateway HTTP span and the agent consume span in one trace, parent to child', async () => {
  await expectEventually(
    () => {
      const spans = stack.readSpans();
      const http = httpServerSpan(spans, 'POST', '/api/v1/switches');
      expect(http).toBeDefined();
      const consume = spans.find((s) => s.service === 'licensing-agent' && s.kind === SPAN_KIND.CONSUMER && s.traceId === http!.traceId);
      expect(consume).toBeDefined();
      expect(ancestors(spans, consume!).map((s) => s.spanId)).toContain(http!.spanId);
    },
    { timeoutMs: 15_000, intervalMs: 200 },
  );
});

it('answers an unknown route and malformed JSON with a JSON error', async () => {
  const api = gateway(stack, 'operator');
  const unknown = await api('GET', '/no-such-route');
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.code).toBeDefined();
  const malformed = await api('POST', '/switches', { raw: '{"name": ', type: 'application/json' });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.code).toBe('MALFORMED_JSON');
});
