import { randomUUID } from 'node:crypto';
import { pendingSchemaChanges } from '@fleetlic/persistence';
import { encodeJson } from '@fleetlic/messaging';
import { expectEventually } from '@fleetlic/testing';
import { startAgentHarness, type AgentHarness } from './agent-harness';

describe('licensing agent: switches, queries, redelivery, dead letters', () => {
  let h: AgentHarness;
  beforeAll(async () => {
    h = await startAgentHarness('agentlife');
  });
  afterAll(async () => {
    await h?.close();
  });

  const newSwitch = (name: string, serial = `SN${randomUUID().slice(0, 8).toUpperCase()}`) => ({
    type: 'create' as const,
    switchId: randomUUID(),
    name,
    pid: 'N9K-C93180YC-FX',
    serialNumber: serial,
    nxosVersion: '9.3(5)',
  });

  it('has migrations that match the entities', async () => {
    expect(await pendingSchemaChanges(h.db)).toEqual([]);
  });

  it('creates a switch whose status is ENABLED, UNREGISTERED, EVAL MODE', async () => {
    const create = newSwitch('leaf-101');
    expect(await h.command(create)).toMatchObject({ outcome: 'applied', switchId: create.switchId });
    const text = await h.query<string>({ type: 'show', name: 'leaf-101', what: 'status', format: 'text' });
    expect(text.found).toBe(true);
    expect(text.body).toContain('Smart Licensing is ENABLED');
    expect(text.body).toMatch(/Registration:\s*\n\s*Status: UNREGISTERED/);
    expect(text.body).toMatch(/License Authorization:\s*\n\s*Status: EVAL MODE/);

    const got = await h.query<Record<string, any>>({ type: 'get', name: 'leaf-101' });
    expect(got.body).toMatchObject({ name: 'leaf-101', pid: 'N9K-C93180YC-FX', udi: `PID:N9K-C93180YC-FX,SN:${create.serialNumber}`, nxosVersion: '9.3(5)' });
    expect(got.body?.license).toMatchObject({ smartLicensing: 'ENABLED', registration: { status: 'UNREGISTERED' }, authorization: { status: 'EVAL MODE' } });
    expect(JSON.stringify(got.body)).not.toMatch(/PRIVATE KEY/);
    expect(await h.query({ type: 'resolve', name: 'leaf-101' })).toEqual({ found: true, body: { switchId: create.switchId, name: 'leaf-101' } });
  });

  it('answers found=false for an unknown switch', async () => {
    expect(await h.query({ type: 'get', name: 'no-such-switch' })).toEqual({ found: false });
    expect(await h.query({ type: 'events', name: 'no-such-switch', limit: 10 })).toEqual({ found: false });
  });

  it('refuses a second switch with the same name or UDI as a conflict', async () => {
    const first = newSwitch('spine-1');
    await h.command(first);
    expect(await h.command(newSwitch('spine-1'))).toMatchObject({ outcome: 'conflict' });
    expect(await h.command({ ...newSwitch('spine-2'), serialNumber: first.serialNumber })).toMatchObject({ outcome: 'conflict' });
    expect((await h.query({ type: 'get', name: 'spine-2' })).found).toBe(false);
  });

  it('applies a redelivered command once and answers it again with the stored result', async () => {
    const create = newSwitch('leaf-redelivered');
    const commandId = randomUUID();
    // Distinct Nats-Msg-Ids defeat JetStream's deduplication: the agent itself must see the repeat.
    expect(await h.command({ ...create, commandId }, { msgId: `${commandId}-1` })).toMatchObject({ outcome: 'applied' });
    expect(await h.command({ ...create, commandId }, { msgId: `${commandId}-2` })).toMatchObject({ outcome: 'applied' });
    const usage = { type: 'set-usage' as const, switchId: create.switchId, entitlements: [{ tag: 'NXOS_ESSENTIALS_XF', count: 1 }], commandId: randomUUID() };
    await h.command(usage, { msgId: `${usage.commandId}-1` });
    await h.command(usage, { msgId: `${usage.commandId}-2` });
    const events = await h.query<{ items: { name: string }[] }>({ type: 'events', name: 'leaf-redelivered', limit: 100 });
    expect(events.body?.items.map((e) => e.name)).toEqual(['SMART_LIC-5-EVAL_START']);
    const rows = await h.db.query('SELECT count(*)::int AS n FROM switch WHERE name = $1', ['leaf-redelivered']);
    expect(rows[0].n).toBe(1);
  });

  it('dead-letters a malformed command with its reason and keeps working', async () => {
    const dead = h.client.nc.subscribe(`${h.ns}.dlq.>`, { max: 1, timeout: 30_000 });
    const switchId = randomUUID();
    await h.client.js.publish(h.s.agentCommand(switchId), encodeJson({ type: 'create', commandId: 'bad', switchId }));
    for await (const msg of dead) {
      expect(msg.subject).toBe(`${h.ns}.dlq.cmd.agent.${switchId}`);
      expect(msg.headers?.get('Fleetlic-Dead-Reason')).toMatch(/schema/);
    }
    expect(await h.command(newSwitch('leaf-after-dlq'))).toMatchObject({ outcome: 'applied' });
  });

  it('lists switches by status with a keyset cursor', async () => {
    await expectEventually(async () => {
      const page1 = await h.query<{ items: { name: string }[]; nextCursor: string | null }>({ type: 'list', registration: 'UNREGISTERED', limit: 2 });
      expect(page1.body?.items).toHaveLength(2);
      const page2 = await h.query<{ items: { name: string }[]; nextCursor: string | null }>({ type: 'list', registration: 'UNREGISTERED', limit: 1000, cursor: page1.body!.nextCursor! });
      const names = [...page1.body!.items, ...page2.body!.items].map((i) => i.name);
      expect(names).toEqual([...names].sort());
      expect(names).toContain('leaf-101');
      expect(page2.body?.nextCursor).toBeNull();
    });
  });

  // A read right after a clock advance must not be rendered at the agent's copy of the clock,
  // which may still be catching up: the asker's later instant wins (CI once saw a stale read).
  it('renders a show at the asker\'s instant when it is later than its own', async () => {
    const create = newSwitch('leaf-eval');
    await h.command(create);
    expect(await h.command({ type: 'set-usage', switchId: create.switchId, entitlements: [{ tag: 'NXOS_ESSENTIALS_XF', count: 1 }] })).toMatchObject({ outcome: 'applied' });
    const remaining = async (time?: number) => {
      const shown = await h.query<string>({ type: 'show', name: 'leaf-eval', what: 'status', format: 'text' }, time);
      return /Evaluation Period Remaining: (\d+) days/.exec(shown.body ?? '')?.[1];
    };
    expect(['89', '90']).toContain(await remaining());
    expect(await remaining(Date.now() + 30 * 86_400_000)).toBe('59');
    expect(['89', '90']).toContain(await remaining(Date.now() - 30 * 86_400_000));
  });

  it('deletes a switch', async () => {
    const create = newSwitch('leaf-gone');
    await h.command(create);
    expect(await h.command({ type: 'delete', switchId: create.switchId })).toMatchObject({ outcome: 'applied' });
    expect((await h.query({ type: 'get', name: 'leaf-gone' })).found).toBe(false);
    expect(await h.command({ type: 'renew', switchId: create.switchId, what: 'auth' })).toMatchObject({ outcome: 'not-found' });
  });
});
