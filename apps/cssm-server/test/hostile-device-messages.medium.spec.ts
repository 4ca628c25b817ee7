import { signDeviceMessage } from '@fleetlic/contracts';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { InstanceUsage } from '../src/persistence/instance-usage.entity';
import { ProductInstance } from '../src/persistence/product-instance.entity';
import { call, Harness, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

// Issue 11: forged device messages. Each round sends every hostile variant once; every one must be
// refused (status FAILED) and leave the instance's usage exactly as its last genuine message set it.
// HOSTILE_DEVICE_ROUNDS scales the count (default 20 rounds × 8 variants).
const ROUNDS = Number(process.env.HOSTILE_DEVICE_ROUNDS ?? 20);
const TAG = 'NXOS_ADVANTAGE_XF';

describe('cssm-server refuses forged device messages', () => {
  let h: Harness;
  let other: Harness;
  let token: () => Promise<string>;
  let otherToken: () => Promise<string>;
  let n = 0;
  const sn = () => `HOS${String(++n).padStart(8, '0')}`;
  const usageOf = async (s: SimulatedSwitch) => {
    const i = await h.ds.getRepository(ProductInstance).findOneByOrFail({ udiSn: s.sn });
    return (await h.ds.getRepository(InstanceUsage).findBy({ instanceId: i.id })).map((u) => ({ tag: u.tag, count: u.count }));
  };

  beforeAll(async () => {
    h = await startHarness();
    // A second license server: its own CA and instances, the "other CA" of the issue.
    other = await startHarness('cloud', { clock: h.clock });
    token = (await h.account('hostile.example.com', 'Default', { [TAG]: 1000 })).token;
    otherToken = (await other.account('elsewhere.example.com', 'Default', { [TAG]: 1000 })).token;
  });
  afterAll(async () => {
    await h?.close();
    await other?.close();
  });

  it('refuses unsigned, foreign-key, replayed-id, removed-instance and other-CA messages: 100%', async () => {
    const refused: Record<string, [number, number]> = {};
    const count = (kind: string, body: any) => {
      const [r, t] = refused[kind] ?? [0, 0];
      refused[kind] = [r + (body?.status === 'FAILED' ? 1 : 0), t + 1];
    };
    for (let round = 0; round < ROUNDS; round++) {
      const s = new SimulatedSwitch(h.url, 'N9K-C9348GC-FXP', sn());
      expect((await s.register(await token())).body.status).toBe('SUCCESS');
      const neighbour = new SimulatedSwitch(h.url, 'N9K-C9348GC-FXP', sn());
      expect((await neighbour.register(await token())).body.status).toBe('SUCCESS');
      // Genuine history: id A asks for 5, then id B for 1. The instance uses 1 from now on.
      const a = `a-${round}`;
      expect((await s.authorize([{ tag: TAG, count: 5 }], { messageId: a })).body.status).toBe('SUCCESS');
      expect((await s.authorize([{ tag: TAG, count: 1 }], { messageId: `b-${round}` })).body.status).toBe('SUCCESS');
      const want = [{ tag: TAG, count: 1 }];

      count('unsigned', (await s.send({ type: 'authorize', messageId: randomUUID(), udi: s.udi, entitlements: [{ tag: TAG, count: 9 }] })).body);
      const foreign = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
      count('foreign key', (await s.send(signDeviceMessage({ type: 'authorize', messageId: randomUUID(), udi: s.udi, entitlements: [{ tag: TAG, count: 9 }] }, foreign))).body);
      // The neighbour's genuine key signing for this switch's UDI.
      count('neighbour key', (await s.send(signDeviceMessage({ type: 'authorize', messageId: randomUUID(), udi: s.udi, entitlements: [{ tag: TAG, count: 9 }] }, neighbour.privateKey))).body);
      // Old id A again, unsigned or foreign-signed, asking for more: must not get A's stored SUCCESS.
      count('old id, unsigned', (await s.send({ type: 'authorize', messageId: a, udi: s.udi, entitlements: [{ tag: TAG, count: 5 }] })).body);
      count('old id, foreign key', (await s.send(signDeviceMessage({ type: 'authorize', messageId: a, udi: s.udi, entitlements: [{ tag: TAG, count: 5 }] }, foreign))).body);
      // A switch registered with another license server (certificate of another CA, key unknown here).
      const stranger = new SimulatedSwitch(other.url, 'N9K-C9348GC-FXP', `OTH${String(n).padStart(8, '0')}`);
      expect((await stranger.register(await otherToken())).body.status).toBe('SUCCESS');
      count('other CA', (await postTo(h.url, stranger, stranger.signed({ type: 'authorize', messageId: randomUUID(), entitlements: [{ tag: TAG, count: 1 }] }))).body);
      expect(await usageOf(s)).toEqual(want);

      // Removed by an administrator: new ids and the old genuine id A are both refused.
      const del = await call('DELETE', `${h.url}/admin/api/v1/accounts/hostile.example.com/virtual-accounts/Default/devices/${encodeURIComponent(`${s.pid}:${s.sn}`)}`, await h.bearer());
      expect(del.status).toBe(204);
      count('removed, new id', (await s.authorize([{ tag: TAG, count: 1 }])).body);
      count('removed, old id replayed', (await s.authorize([{ tag: TAG, count: 5 }], { messageId: a })).body);
    }
    const total = Object.values(refused).reduce((sum, [, t]) => sum + t, 0);
    const ok = Object.values(refused).reduce((sum, [r]) => sum + r, 0);
    console.log(`[hostile device messages] ${ok}/${total} refused`, JSON.stringify(refused));
    for (const [kind, [r, t]] of Object.entries(refused)) expect(r, kind).toBe(t);
  });

  it('still answers a genuine retry (same id, same key) the same, without counting it twice', async () => {
    const s = new SimulatedSwitch(h.url, 'N9K-C9348GC-FXP', sn());
    expect((await s.register(await token())).body.status).toBe('SUCCESS');
    const first = await s.authorize([{ tag: TAG, count: 2 }], { messageId: 'retry-1' });
    const retry = await s.authorize([{ tag: TAG, count: 2 }], { messageId: 'retry-1' });
    expect(retry.body).toEqual(first.body);
    expect(await usageOf(s)).toEqual([{ tag: TAG, count: 2 }]);
    // A deregistration's retry finds no instance any more and still gets its stored answer.
    const dereg = await s.deregister({ messageId: 'dereg-retry' });
    expect(dereg.body.status).toBe('SUCCESS');
    expect((await s.deregister({ messageId: 'dereg-retry' })).body).toEqual(dereg.body);
  });
});

/** Sends a message as `sw` would, but to another server's device path. */
function postTo(url: string, sw: SimulatedSwitch, message: Record<string, unknown>) {
  return new SimulatedSwitch(url, sw.pid, sw.sn).send(message);
}
