import { authorizeAnswerSchema, DEVICE_REFUSAL_REASONS, signDeviceMessage } from '@fleetlic/contracts';
import { generateKeyPairSync, randomUUID, X509Certificate } from 'node:crypto';
import { InstanceUsage } from '../src/persistence/instance-usage.entity';
import { ProductInstance } from '../src/persistence/product-instance.entity';
import { call, DAY, Harness, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

describe('cssm-server signed device messages', () => {
  let h: Harness;
  let token: () => Promise<string>;
  let n = 0;
  const registered = async () => {
    const s = new SimulatedSwitch(h.url, 'N9K-C9348GC-FXP', `SAL${String(++n).padStart(8, '0')}`);
    expect((await s.register(await token())).body.status).toBe('SUCCESS');
    return s;
  };
  const usageOf = async (s: SimulatedSwitch) => {
    const i = await h.ds.getRepository(ProductInstance).findOneByOrFail({ udiSn: s.sn });
    return h.ds.getRepository(InstanceUsage).findBy({ instanceId: i.id });
  };

  beforeAll(async () => {
    h = await startHarness();
    const acct = await h.account('signed.example.com', 'Default', { NXOS_ADVANTAGE_XF: 3, NXOS_ESSENTIALS_XF: 1 });
    token = () => acct.token();
  });
  afterAll(() => h.close());

  it('authorizes a signed request: in compliance, valid 90 days, renewal 30, usage recorded', async () => {
    const s = await registered();
    const { body } = await s.authorize([{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }]);
    const answer = authorizeAnswerSchema.parse(body);
    expect(answer).toEqual({
      status: 'SUCCESS',
      inCompliance: true,
      entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1, status: 'AUTHORIZED' }],
      authorizedAt: new Date(h.clock.t).toISOString(),
      validUntil: new Date(h.clock.t + 90 * DAY).toISOString(),
      renewalIntervalDays: 30,
      serverTime: new Date(h.clock.t).toISOString(),
    });
    expect(await usageOf(s)).toMatchObject([{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }]);
  });

  it('answers out of compliance per entitlement when the VA balance is negative', async () => {
    const s = await registered();
    const { body } = await s.authorize([{ tag: 'NXOS_ESSENTIALS_XF', count: 2 }, { tag: 'NXOS_ADVANTAGE_XF', count: 1 }]);
    expect(body.inCompliance).toBe(false);
    expect(body.entitlements).toEqual([
      { tag: 'NXOS_ESSENTIALS_XF', count: 2, status: 'OUT OF COMPLIANCE' },
      { tag: 'NXOS_ADVANTAGE_XF', count: 1, status: 'AUTHORIZED' },
    ]);
    // Back within the pool: in compliance again.
    expect((await s.authorize([{ tag: 'NXOS_ESSENTIALS_XF', count: 1 }])).body.inCompliance).toBe(true);
  });

  it('refuses a missing or wrong signature and changes nothing', async () => {
    const s = await registered();
    const unsigned = await s.send({ type: 'authorize', messageId: randomUUID(), udi: s.udi, entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] });
    expect(unsigned.body).toEqual({ status: 'FAILED', code: 'SIGNATURE_INVALID', reason: DEVICE_REFUSAL_REASONS.SIGNATURE_INVALID });
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const forged = signDeviceMessage({ type: 'authorize', messageId: randomUUID(), udi: s.udi, entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] }, otherKey);
    expect((await s.send(forged)).body.code).toBe('SIGNATURE_INVALID');
    const tampered = { ...s.signed({ type: 'authorize', messageId: randomUUID(), entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }] }), entitlements: [{ tag: 'NXOS_ADVANTAGE_XF', count: 2 }] };
    expect((await s.send(tampered)).body.code).toBe('SIGNATURE_INVALID');
    expect((await s.send({ ...s.signed({ type: 'deregister', messageId: randomUUID() }), signature: 'AAAA' })).body.code).toBe('SIGNATURE_INVALID');
    expect(await usageOf(s)).toEqual([]);
    expect(await h.ds.getRepository(ProductInstance).countBy({ udiSn: s.sn })).toBe(1);
  });

  it('refuses messages of an unknown UDI', async () => {
    const s = new SimulatedSwitch(h.url, 'N9K-C9348GC-FXP', 'NEVER-SEEN');
    expect((await s.authorize([])).body).toEqual({ status: 'FAILED', code: 'UNKNOWN_INSTANCE', reason: DEVICE_REFUSAL_REASONS.UNKNOWN_INSTANCE });
    expect((await s.renewId()).body.code).toBe('UNKNOWN_INSTANCE');
    expect((await s.deregister()).body.code).toBe('UNKNOWN_INSTANCE');
  });

  it('counts a retried authorization (same message id) once and answers the same', async () => {
    const s = await registered();
    const first = await s.authorize([{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }], { messageId: 'auth-1' });
    h.clock.advance(60_000);
    const retry = await s.authorize([{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }], { messageId: 'auth-1' });
    expect(retry.body).toEqual(first.body);
    expect(await h.ds.query('SELECT count(*)::int AS n FROM device_messages WHERE message_id = $1', ['auth-1'])).toEqual([{ n: 1 }]);
  });

  it('renews the ID certificate for a signed request with a new CSR; the new key signs from then on', async () => {
    const s = await registered();
    const oldKey = s.privateKey;
    h.clock.advance(180 * DAY);
    const { body } = await s.renewId();
    expect(body).toMatchObject({ status: 'SUCCESS', renewalPeriodDays: 180, notAfter: new Date(h.clock.t + 365 * DAY).toISOString() });
    expect(Date.parse(new X509Certificate(body.idCertificate).validTo)).toBe(h.clock.t + 365 * DAY);
    expect((await s.authorize([])).body.status).toBe('SUCCESS');
    const withOld = signDeviceMessage({ type: 'authorize', messageId: randomUUID(), udi: s.udi, entitlements: [] }, oldKey);
    expect((await s.send(withOld)).body.code).toBe('SIGNATURE_INVALID');
  });

  it('deregisters: the instance is removed, its usage released, and later messages are refused', async () => {
    const s = await registered();
    await s.authorize([{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }]);
    const dereg = await s.deregister({ messageId: 'dereg-1' });
    expect(dereg.body.status).toBe('SUCCESS');
    expect(await h.ds.getRepository(ProductInstance).countBy({ udiSn: s.sn })).toBe(0);
    expect((await s.deregister({ messageId: 'dereg-1' })).body).toEqual(dereg.body);
    expect((await s.authorize([])).body.code).toBe('UNKNOWN_INSTANCE');
  });

  it('refuses every message of an instance an administrator removed (DELETE …/devices/{udi} → 204)', async () => {
    const s = await registered();
    await s.authorize([{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }]);
    const del = await call('DELETE', `${h.url}/admin/api/v1/accounts/signed.example.com/virtual-accounts/Default/devices/${encodeURIComponent(`${s.pid}:${s.sn}`)}`, await h.bearer());
    expect(del.status).toBe(204);
    expect((await s.authorize([{ tag: 'NXOS_ADVANTAGE_XF', count: 1 }])).body).toEqual({ status: 'FAILED', code: 'CERTIFICATE_REVOKED', reason: DEVICE_REFUSAL_REASONS.CERTIFICATE_REVOKED });
    expect((await s.renewId()).body.code).toBe('CERTIFICATE_REVOKED');
    expect(await usageOf(s)).toEqual([]);
    const again = await call('DELETE', `${h.url}/admin/api/v1/accounts/signed.example.com/virtual-accounts/Default/devices/${encodeURIComponent(`${s.pid}:${s.sn}`)}`, await h.bearer());
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('DEVICE_NOT_FOUND');
  });

  it('refuses messages signed after the certificate notAfter', async () => {
    const s = await registered();
    const { body } = await s.authorize([], { time: h.clock.t + 365 * DAY });
    expect(body.code).toBe('UNKNOWN_INSTANCE');
  });
});
