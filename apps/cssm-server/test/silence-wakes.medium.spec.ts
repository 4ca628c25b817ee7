import { subjects, wakeRequestSchema } from '@fleetlic/contracts';
import { OutboxMessage } from '@fleetlic/persistence';
import { ProductInstance } from '../src/persistence/product-instance.entity';
import { SilenceWakeHandler } from '../src/silence/silence-wake.handler';
import { call, checkUsageCounters, DAY, Harness, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

describe('cssm-server silence: release after 90 days, removal at notAfter (SPEC §6, §7)', () => {
  let h: Harness;
  let token: () => Promise<string>;
  let wakes: SilenceWakeHandler;
  let n = 0;
  const owner = () => `cssm.${h.config.instance}`;
  const pools = async () => (await call('GET', `${h.url}/admin/api/v1/accounts/quiet.example.com/virtual-accounts/Default/licenses`, await h.bearer())).body.licenses;
  const registered = async () => {
    const s = new SimulatedSwitch(h.url, 'N7K-C7010', `QUIET${++n}`);
    expect((await s.register(await token())).body.status).toBe('SUCCESS');
    const instance = await h.ds.getRepository(ProductInstance).findOneByOrFail({ udiSn: s.sn });
    return { s, instance };
  };
  const wakeRequests = async (instanceId: string) =>
    (await h.ds.getRepository(OutboxMessage).find({ order: { id: 'ASC' } }))
      .map((m) => ({ subject: m.subject, ...wakeRequestSchema.parse(m.payload) }))
      .filter((w) => w.key.endsWith(instanceId));

  beforeAll(async () => {
    h = await startHarness();
    const acct = await h.account('quiet.example.com', 'Default', { LAN_ENTERPRISE_SERVICES_PKG: 10 });
    token = () => acct.token();
    wakes = h.app.get(SilenceWakeHandler);
  });
  afterAll(() => h.close());

  it('schedules release at last contact + 90 d and expiry at notAfter through the outbox, in the same transaction', async () => {
    const kicks = h.kicks.count;
    const { s, instance } = await registered();
    const t0 = h.clock.t;
    expect(await wakeRequests(instance.id)).toEqual([
      { subject: subjects(h.config.namespace).wakeRequest, owner: owner(), key: `release.${instance.id}`, at: new Date(t0 + 90 * DAY).toISOString() },
      { subject: subjects(h.config.namespace).wakeRequest, owner: owner(), key: `expire.${instance.id}`, at: new Date(t0 + 365 * DAY).toISOString() },
    ]);
    expect(h.kicks.count).toBeGreaterThan(kicks);
    await s.authorize([], { time: t0 + 10 * DAY });
    expect((await wakeRequests(instance.id)).at(-1)).toMatchObject({ key: `release.${instance.id}`, at: new Date(t0 + 100 * DAY).toISOString() });
  });

  it('releases the usage of an instance silent for 90 days, not before; a later contact counts it again', async () => {
    const { s, instance } = await registered();
    const t0 = h.clock.t;
    await s.authorize([{ tag: 'LAN_ENTERPRISE_SERVICES_PKG', count: 4 }], { time: t0 });
    const inUse = async () => (await pools()).find((p: { tag: string }) => p.tag === 'LAN_ENTERPRISE_SERVICES_PKG').inUse;
    const before = await inUse();

    h.clock.t = t0 + 90 * DAY - 1000;
    expect(await wakes.handle({ owner: owner(), key: `release.${instance.id}`, at: new Date(t0).toISOString() })).toBe('nothing');
    expect(await inUse()).toBe(before);

    h.clock.t = t0 + 90 * DAY;
    const wake = { owner: owner(), key: `release.${instance.id}`, at: new Date(t0 + 90 * DAY).toISOString() };
    expect(await wakes.handle(wake)).toBe('released');
    await checkUsageCounters(h.ds);
    expect(await wakes.handle(wake)).toBe('nothing');
    expect(await inUse()).toBe(before - 4);

    const back = await s.authorize([{ tag: 'LAN_ENTERPRISE_SERVICES_PKG', count: 4 }]);
    expect(back.body.inCompliance).toBe(true);
    expect(await inUse()).toBe(before);
    await checkUsageCounters(h.ds);
  });

  it('removes an instance whose certificate reached notAfter without renewal, not before', async () => {
    const { s, instance } = await registered();
    const notAfter = instance.certNotAfter.getTime();
    const wake = { owner: owner(), key: `expire.${instance.id}`, at: new Date(notAfter).toISOString() };
    h.clock.t = notAfter - 1000;
    expect(await wakes.handle({ ...wake, at: new Date(notAfter - 1000).toISOString() })).toBe('nothing');
    expect(await h.ds.getRepository(ProductInstance).countBy({ id: instance.id })).toBe(1);
    h.clock.t = notAfter;
    expect(await wakes.handle(wake)).toBe('removed');
    await checkUsageCounters(h.ds);
    expect(await wakes.handle(wake)).toBe('nothing');
    expect(await h.ds.getRepository(ProductInstance).countBy({ id: instance.id })).toBe(0);
    expect((await s.authorize([])).body.code).toBe('UNKNOWN_INSTANCE');
  });

  it('keeps an instance that renewed its certificate when the old expiry wake arrives', async () => {
    const { s, instance } = await registered();
    const oldNotAfter = instance.certNotAfter.getTime();
    h.clock.t += 180 * DAY;
    expect((await s.renewId()).body.status).toBe('SUCCESS');
    h.clock.t = oldNotAfter;
    expect(await wakes.handle({ owner: owner(), key: `expire.${instance.id}`, at: new Date(oldNotAfter).toISOString() })).toBe('nothing');
    expect(await h.ds.getRepository(ProductInstance).countBy({ id: instance.id })).toBe(1);
  });

  it('ignores wakes of another owner or an unknown key', async () => {
    expect(await wakes.handle({ owner: 'cssm.other', key: 'release.00000000-0000-0000-0000-000000000000', at: new Date().toISOString() })).toBe('nothing');
    expect(await wakes.handle({ owner: owner(), key: 'something-else', at: new Date().toISOString() })).toBe('nothing');
  });
});
