import { randomUUID } from 'node:crypto';
import { LICENSE_EVENTS, type CallhomeConfig, switchEventSchema, wakeRequestSchema, type SwitchEvent, type WakeRequest } from '@fleetlic/contracts';
import { expectEventually } from '@fleetlic/testing';
import { startAgentHarness, type AgentHarness } from './agent-harness';
import { serveFakeLicenseServer } from './fake-license-server';

const fakeServerOptions: Parameters<typeof serveFakeLicenseServer>[1] = {
  now: () => Date.now(),
  // A switch named *-unreachable has no path to the server, as its adapter would report.
  reply: (call) => (call.callhome.emailContact === 'unreachable@example.com' ? { ok: false, kind: 'NO_PATH', reason: 'Fail to send out Call Home HTTP message' } : undefined),
};

describe('licensing agent: registration through the adapter', () => {
  let h: AgentHarness;
  let server: ReturnType<typeof serveFakeLicenseServer>;
  const events: SwitchEvent[] = [];
  const wakeRequests: WakeRequest[] = [];

  beforeAll(async () => {
    h = await startAgentHarness('agentreg');
    server = serveFakeLicenseServer(h.client, fakeServerOptions);
    // Core subscriptions see what the outbox relay publishes to JetStream, in order.
    // Creation and deletion notices share the event stream; this test reads the SMART_LIC events.
    h.client.nc.subscribe(h.s.eventAll, { callback: (_e, msg) => void (msg.subject.endsWith('.lifecycle') || events.push(switchEventSchema.parse(msg.json()))) });
    h.client.nc.subscribe(h.s.wakeRequest, { callback: (_e, msg) => void wakeRequests.push(wakeRequestSchema.parse(msg.json())) });
    await h.client.nc.flush();
  });
  afterAll(async () => {
    server?.stop();
    await h?.close();
  });

  async function createInUse(name: string, callhome?: { emailContact: string }) {
    const switchId = randomUUID();
    await h.command({ type: 'create', switchId, name, pid: 'N9K-C93180YC-FX', serialNumber: `SN${switchId.slice(0, 8)}`, nxosVersion: '9.3(5)' });
    if (callhome) {
      const got = await h.query<{ callhome: Record<string, unknown> }>({ type: 'get', name });
      await h.command({ type: 'set-callhome', switchId, callhome: { ...(got.body!.callhome as unknown as CallhomeConfig), ...callhome } });
    }
    await h.command({ type: 'set-usage', switchId, entitlements: [{ tag: 'NXOS_ESSENTIALS_XF', count: 2 }] });
    return switchId;
  }

  it('registers and authorizes: status, events in order, a wake request', async () => {
    const switchId = await createInUse('leaf-reg');
    const registerId = randomUUID();
    expect(await h.command({ type: 'register', switchId, idToken: 'test-token', force: false, commandId: registerId })).toMatchObject({ outcome: 'applied' });

    const text = await h.query<string>({ type: 'show', name: 'leaf-reg', what: 'status', format: 'text' });
    expect(text.body).toMatch(/Registration:\s*\n\s*Status: REGISTERED/);
    expect(text.body).toMatch(/License Authorization:\s*\n\s*Status: AUTHORIZED/);
    expect(server.calls.filter((c) => c.switchId === switchId).map((c) => c.request.type)).toEqual(['register', 'authorize']);
    expect(server.calls[0].request.messageId).toBe(`${switchId}:1`);

    const stored = await h.query<{ items: { name: string }[] }>({ type: 'events', name: 'leaf-reg', limit: 10 });
    expect(stored.body?.items.map((e) => e.name)).toEqual([LICENSE_EVENTS.AUTH_RENEW_SUCCESS, LICENSE_EVENTS.AGENT_REG_SUCCESS, LICENSE_EVENTS.EVAL_START]);

    await expectEventually(() => {
      const mine = events.filter((e) => e.switchId === switchId);
      expect(mine.map((e) => e.name)).toEqual([LICENSE_EVENTS.EVAL_START, LICENSE_EVENTS.AGENT_REG_SUCCESS, LICENSE_EVENTS.AUTH_RENEW_SUCCESS]);
      expect(mine[2]).toMatchObject({ switch: 'leaf-reg', registration: 'REGISTERED', authorization: 'AUTHORIZED' });
      const wake = wakeRequests.filter((w) => w.owner === `agent.${switchId}`).at(-1);
      expect(wake?.key).toBe('next');
      expect(wake?.at).not.toBeNull();
    });
    const list = await h.query<{ items: { name: string; authorization: string }[] }>({ type: 'list', authorization: 'AUTHORIZED', limit: 10 });
    expect(list.body?.items.map((i) => i.name)).toEqual(['leaf-reg']);

    // A repeat of the same command is answered from the record, not sent to the server again.
    const before = server.calls.length;
    expect(await h.command({ type: 'register', switchId, idToken: 'test-token', force: false, commandId: registerId }, { msgId: `${registerId}-again` })).toMatchObject({ outcome: 'applied' });
    expect(server.calls.length).toBe(before);
  });

  it('refuses a second registration without force, state unchanged', async () => {
    const { body } = await h.query<{ switchId: string }>({ type: 'resolve', name: 'leaf-reg' });
    const result = await h.command({ type: 'register', switchId: body!.switchId, idToken: 'test-token', force: false });
    expect(result).toMatchObject({ outcome: 'refused', code: 'ALREADY_REGISTERED' });
  });

  it('keeps REGISTERING with the reason when Call Home cannot reach the server', async () => {
    const switchId = await createInUse('leaf-unreachable', { emailContact: 'unreachable@example.com' });
    expect(await h.command({ type: 'register', switchId, idToken: 'test-token', force: false })).toMatchObject({ outcome: 'applied' });
    const status = await h.query<{ registration: { status: string; initial?: { reason?: string } } }>({ type: 'show', name: 'leaf-unreachable', what: 'status', format: 'json' });
    expect(status.body?.registration.status).toBe('REGISTERING');
    const diagnosis = await h.query<{ findings: unknown[] }>({ type: 'diagnosis', name: 'leaf-unreachable' });
    expect(diagnosis.found).toBe(true);
    expect(Array.isArray(diagnosis.body?.findings)).toBe(true);
  });

  it('holds a command while the adapter is down, past its delivery budget, and applies it once the adapter is back', async () => {
    const switchId = await createInUse('leaf-adapter-down');
    server.stop();
    const result = h.command({ type: 'register', switchId, idToken: 'test-token', force: false });
    const consumer = () => h.client.jsm.consumers.info(h.s.streams.agentCommands, h.s.consumers.agentCommands);
    const since = Date.now();
    // Five deliveries 0.2–1.6 s apart would be spent in ~4 s; held in place, it stays one delivery.
    await expectEventually(async () => {
      const info = await consumer();
      expect(info.num_ack_pending).toBe(1);
      expect(info.num_redelivered).toBe(0);
      expect(Date.now() - since).toBeGreaterThan(6_000);
    }, { timeoutMs: 20_000 });
    server = serveFakeLicenseServer(h.client, fakeServerOptions);
    expect(await result).toMatchObject({ outcome: 'applied' });
    const text = await h.query<string>({ type: 'show', name: 'leaf-adapter-down', what: 'status', format: 'text' });
    expect(text.body).toMatch(/Registration:\s*\n\s*Status: REGISTERED/);
    expect(server.calls.filter((c) => c.switchId === switchId).map((c) => c.request.type)).toEqual(['register', 'authorize']);
  });

  it('deregisters before deleting a registered switch', async () => {
    const { body } = await h.query<{ switchId: string }>({ type: 'resolve', name: 'leaf-reg' });
    expect(await h.command({ type: 'delete', switchId: body!.switchId })).toMatchObject({ outcome: 'applied' });
    expect(server.calls.at(-1)?.request.type).toBe('deregister');
    await expectEventually(() => {
      // Unregistered again with licenses in use, the switch resumes its evaluation period.
      expect(events.filter((e) => e.switchId === body!.switchId).slice(-2).map((e) => e.name)).toEqual([LICENSE_EVENTS.AGENT_DEREG_SUCCESS, LICENSE_EVENTS.EVAL_START]);
      expect(wakeRequests.filter((w) => w.owner === `agent.${body!.switchId}`).at(-1)?.at).toBeNull();
    });
  });
});
