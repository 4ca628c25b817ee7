import { randomUUID } from 'node:crypto';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { WakeRequest } from '@fleetlic/contracts';
import { expectEventually, installInMemoryTracing } from '@fleetlic/testing';
import { startAgentHarness, type AgentHarness } from './agent-harness';
import { serveFakeLicenseServer } from './fake-license-server';

const MINUTE = 60_000;

describe('licensing agent: wakes and traces', () => {
  const spans = installInMemoryTracing();
  let h: AgentHarness;
  let server: ReturnType<typeof serveFakeLicenseServer>;
  let unreachable = true;
  const eventTraceparents: string[] = [];
  const wakeRequests: WakeRequest[] = [];

  beforeAll(async () => {
    h = await startAgentHarness('agentwake');
    server = serveFakeLicenseServer(h.client, {
      now: () => Date.now(),
      reply: () => (unreachable ? { ok: false, kind: 'NO_PATH', reason: 'Fail to send out Call Home HTTP message' } : undefined),
    });
    h.client.nc.subscribe(h.s.eventAll, { callback: (_e, msg) => void eventTraceparents.push(msg.headers?.get('traceparent') ?? '') });
    h.client.nc.subscribe(h.s.wakeRequest, { callback: (_e, msg) => void wakeRequests.push(msg.json()) });
    await h.client.nc.flush();
  });
  afterAll(async () => {
    server?.stop();
    await h?.close();
  });

  it('retries a failed registration when its wake-up comes, at the wake\'s instant', async () => {
    const switchId = randomUUID();
    await h.command({ type: 'create', switchId, name: 'leaf-wake', pid: 'N9K-C93180YC-FX', serialNumber: 'SNWAKE1', nxosVersion: '10.2(3)F' });
    const started = Date.now();
    await h.command({ type: 'register', switchId, idToken: 'test-token', force: false });
    const retry = await expectEventually(() => {
      const w = wakeRequests.find((r) => r.owner === `agent.${switchId}` && r.at !== null);
      expect(w).toBeDefined();
      return Date.parse(w!.at!);
    });
    // SPEC §5: the first retry is 15 minutes after the failed attempt started.
    expect(retry - started).toBeGreaterThanOrEqual(15 * MINUTE - 5_000);
    expect(retry - started).toBeLessThanOrEqual(15 * MINUTE + 5_000);

    unreachable = false;
    const owner = `agent.${switchId}`;
    // The scheduler stamps a wake with its due instant: the agent acts at that (later) time.
    await h.client.publish(h.s.wake(owner), { owner, key: 'next', at: new Date(retry).toISOString() }, { time: retry, msgId: `${owner}|next|${retry}` });
    await expectEventually(async () => {
      const status = await h.query<{ registration: { status: string; initial?: { at: string } } }>({ type: 'show', name: 'leaf-wake', what: 'status', format: 'json' });
      expect(status.body?.registration.status).toBe('REGISTERED');
      expect(Date.parse(status.body!.registration.initial!.at)).toBe(retry);
    });
    const registers = server.calls.filter((c) => c.switchId === switchId && c.request.type === 'register');
    expect(registers.map((c) => c.request.messageId)).toEqual([`${switchId}:1`, `${switchId}:2`]);
  });

  it('traces each command under its consumer span, without secrets, and continues the trace into events', async () => {
    const find = (name: string) => spans.getFinishedSpans().filter((s) => s.name === name);
    const commandSpan: ReadableSpan = await expectEventually(() => {
      const s = find('agent.command register')[0];
      expect(s).toBeDefined();
      return s;
    });
    // The registration failed to communicate; the switch keeps trying.
    expect(commandSpan.attributes['license.state']).toBe('REGISTERING/EVAL MODE');
    expect(commandSpan.attributes['switch.id']).toMatch(/^[0-9a-f-]{36}$/);
    const parentOf = (span: ReadableSpan) => spans.getFinishedSpans().find((s) => s.spanContext().spanId === span.parentSpanContext?.spanId);
    expect(parentOf(commandSpan)?.name).toBe('agent-commands process');

    // Registered with nothing in use: NO LICENSES IN USE (SPEC §3).
    const wakeSpan = await expectEventually(() => {
      const s = find('agent.command wake').find((x) => x.attributes['license.state'] === 'REGISTERED/NO LICENSES IN USE');
      expect(s).toBeDefined();
      return s;
    });
    expect(parentOf(wakeSpan!)?.name).toBe('agent-wakes process');

    const everything = JSON.stringify(spans.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events })));
    expect(everything).not.toContain('test-token');
    expect(everything).not.toContain('PRIVATE KEY');

    // The events the wake decided (REG_SUCCESS, AUTH_RENEW_SUCCESS) continue its trace.
    await expectEventually(() => {
      expect(eventTraceparents.filter((tp) => tp.includes(wakeSpan!.spanContext().traceId)).length).toBeGreaterThanOrEqual(2);
    });
  });
});
