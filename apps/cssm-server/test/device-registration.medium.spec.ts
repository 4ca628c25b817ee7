import { DEVICE_PATHS, DEVICE_REFUSAL_REASONS, registerAnswerSchema } from '@fleetlic/contracts';
import { X509Certificate } from 'node:crypto';
import { IdToken } from '../src/persistence/id-token.entity';
import { ProductInstance } from '../src/persistence/product-instance.entity';
import { DAY, Harness, postJson, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

describe('cssm-server registration', () => {
  let h: Harness;
  let token: (input?: Partial<{ expiresAfterDays: number; maxUses: number; exportControlled: boolean }>) => Promise<string>;
  let n = 0;
  const sw = () => new SimulatedSwitch(h.url, 'N9K-C93180YC-FX', `FDO${String(++n).padStart(8, '0')}`);

  beforeAll(async () => {
    h = await startHarness();
    ({ token } = await h.account('reg.example.com', 'Default', { NXOS_ADVANTAGE_XF: 10 }));
  });
  afterAll(() => h.close());

  it('issues a real EC P-256 ID certificate signed by the current root, valid 365 days from the server time', async () => {
    const s = sw();
    const { status, body } = await s.register(await token());
    expect(status).toBe(200);
    const answer = registerAnswerSchema.parse(body);
    if (answer.status !== 'SUCCESS') throw new Error(JSON.stringify(answer));
    expect(answer).toMatchObject({ smartAccount: 'Account reg.example.com', virtualAccount: 'Default', exportControlled: true, renewalPeriodDays: 180, serverTime: new Date(h.clock.t).toISOString() });
    const cert = new X509Certificate(answer.idCertificate);
    const root = new X509Certificate(((await (await fetch(`${h.url}/admin/api/v1/ca`)).json()) as { current: string }).current);
    expect(cert.verify(root.publicKey)).toBe(true);
    expect(cert.checkIssued(root)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(Date.parse(cert.validFrom)).toBe(h.clock.t);
    expect(Date.parse(cert.validTo)).toBe(h.clock.t + 365 * DAY);
    expect(answer.notBefore).toBe(new Date(h.clock.t).toISOString());
    expect(answer.notAfter).toBe(new Date(h.clock.t + 365 * DAY).toISOString());
    expect(cert.subject).toContain(`CN=N9K-C93180YC-FX:${s.sn}`);
  });

  it('honours the Fleetlic-Time header: the server acts at max(its clock, header)', async () => {
    const later = h.clock.t + 10 * DAY;
    const { body } = await sw().register(await token(), { time: later });
    expect(body.serverTime).toBe(new Date(later).toISOString());
    expect(body.notAfter).toBe(new Date(later + 365 * DAY).toISOString());
  });

  it('refuses an unknown token', async () => {
    const { status, body } = await sw().register('no-such-token');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'FAILED', code: 'TOKEN_UNKNOWN', reason: DEVICE_REFUSAL_REASONS.TOKEN_UNKNOWN });
  });

  it('refuses a token at and after its expiry on the shared clock', async () => {
    const t = await token({ expiresAfterDays: 1 });
    const { body } = await sw().register(t, { time: h.clock.t + DAY });
    expect(body).toMatchObject({ status: 'FAILED', code: 'TOKEN_EXPIRED', reason: DEVICE_REFUSAL_REASONS.TOKEN_EXPIRED });
    expect((await sw().register(t, { time: h.clock.t + DAY - 1000 })).body.status).toBe('SUCCESS');
  });

  it('refuses a token whose uses are exhausted, and a retry of the last use spends nothing', async () => {
    const t = await token({ maxUses: 1 });
    const s = sw();
    const first = await s.register(t, { messageId: 'm-1' });
    expect(first.body.status).toBe('SUCCESS');
    const retry = await s.send({ type: 'register', messageId: 'm-1', udi: s.udi, idToken: t, csr: await s.csr() });
    expect(retry.body).toEqual(first.body);
    expect((await h.ds.getRepository(IdToken).findOneByOrFail({ token: t })).uses).toBe(1);
    expect((await sw().register(t)).body).toMatchObject({ status: 'FAILED', code: 'TOKEN_EXHAUSTED', reason: DEVICE_REFUSAL_REASONS.TOKEN_EXHAUSTED });
  });

  it('refuses a revoked token', async () => {
    const t = await token();
    await h.ds.getRepository(IdToken).update({ token: t }, { revokedAt: new Date(h.clock.t) });
    expect((await sw().register(t)).body).toMatchObject({ status: 'FAILED', code: 'TOKEN_REVOKED', reason: DEVICE_REFUSAL_REASONS.TOKEN_REVOKED });
  });

  it('refuses a CSR that is not a self-signed EC P-256 request, and a malformed message', async () => {
    const s = sw();
    const bad = await s.send({ type: 'register', messageId: 'x', udi: s.udi, idToken: await token(), csr: 'not a csr' });
    expect(bad.body).toMatchObject({ status: 'FAILED', code: 'MALFORMED', reason: DEVICE_REFUSAL_REASONS.MALFORMED });
    const malformed = await s.send({ type: 'register', udi: s.udi });
    expect(malformed.body).toMatchObject({ status: 'FAILED', code: 'MALFORMED' });
    expect(await h.ds.getRepository(ProductInstance).countBy({ udiSn: s.sn })).toBe(0);
  });

  it('replaces the instance on a forced re-registration of the same UDI', async () => {
    const s = sw();
    await s.register(await token());
    const before = await h.ds.getRepository(ProductInstance).findOneByOrFail({ udiSn: s.sn });
    const again = await s.register(await token());
    expect(again.body.status).toBe('SUCCESS');
    const after = await h.ds.getRepository(ProductInstance).findBy({ udiSn: s.sn });
    expect(after).toHaveLength(1);
    expect(after[0].id).not.toBe(before.id);
    expect(after[0].certSerial).not.toBe(before.certSerial);
  });

  it('answers 400 with a code for a body that is not JSON, and 404 on the On-Prem path in cloud mode', async () => {
    const res = await postJson(`${h.url}${DEVICE_PATHS.cloud}`, '{not json');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('MALFORMED_JSON');
    const onprem = await postJson(`${h.url}${DEVICE_PATHS.onprem}`, {});
    expect(onprem.status).toBe(404);
    expect(onprem.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});
