import { createHash } from 'node:crypto';
import { OAuthAccessToken } from '../src/persistence/oauth-access-token.entity';
import { call, Harness, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

const BASE = '/services/api/smart-accounts-and-licensing';

describe('cssm-server account API, driven with plain HTTP as API.md §3 shows it', () => {
  let h: Harness;
  let bearer: string;

  beforeAll(async () => {
    h = await startHarness();
    await h.account('acme.example.com', 'Default', { NXOS_ESSENTIALS_GF: 20, NXOS_ADVANTAGE_GF: 2 });
    await h.account('other.example.com', 'Lab');
  });
  afterAll(() => h.close());

  it('gets a token with the client credentials grant (form-encoded)', async () => {
    await h.bearer(); // creates test-client / test-secret
    const res = await fetch(`${h.url}/oauth2/default/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=test-client&client_secret=test-secret',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string };
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3599 });
    bearer = body.access_token;
  });

  it('lists the Smart Accounts', async () => {
    const { status, body } = await call('GET', `${h.url}${BASE}/v2/accounts`, bearer);
    expect(status).toBe(200);
    expect(body.accounts.map((a: { accountDomain: string }) => a.accountDomain).sort()).toEqual(['acme.example.com', 'other.example.com']);
    expect(body.accounts[0]).toMatchObject({ accountName: expect.any(String), accountDomain: expect.any(String), roles: expect.any(Array) });
  });

  it('creates, lists and revokes ID tokens; a revoked token is refused at registration', async () => {
    const tokens = `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Default/tokens`;
    const created = await call('POST', tokens, bearer, { description: 'rack 7', expiresAfterDays: 10, exportControlled: 'Not Allowed', maxUses: 2 });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'SUCCESS', tokenInfo: { token: expect.any(String), description: 'rack 7', expiresAfterDays: 10, exportControlled: 'Not Allowed' } });
    const token = created.body.tokenInfo.token;

    const s = new SimulatedSwitch(h.url, 'N9K-C93180YC-FX', 'API00001');
    const reg = await s.register(token);
    expect(reg.body).toMatchObject({ status: 'SUCCESS', exportControlled: false, smartAccount: 'Account acme.example.com', virtualAccount: 'Default' });

    const list = await call('GET', tokens, bearer);
    expect(list.status).toBe(200);
    expect(list.body.tokens).toContainEqual(expect.objectContaining({ token, description: 'rack 7', exportControlled: 'Not Allowed', maxUses: 2, usesCount: 1, status: 'ACTIVE' }));

    const revoked = await call('POST', `${tokens}/revoke`, bearer, { tokens: [{ token }] });
    expect(revoked).toMatchObject({ status: 200, body: { status: 'SUCCESS' } });
    expect((await new SimulatedSwitch(h.url, 'N9K-C93180YC-FX', 'API00002').register(token)).body.code).toBe('TOKEN_REVOKED');
  });

  it('reports licenses per VA with quantity, in use, available and compliance status', async () => {
    const s = new SimulatedSwitch(h.url, 'N9K-C93180YC-FX', 'API00003');
    const t = await call('POST', `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Default/tokens`, bearer, { description: 'x', expiresAfterDays: 30, exportControlled: 'Allowed' });
    await s.register(t.body.tokenInfo.token);
    await s.authorize([{ tag: 'NXOS_ESSENTIALS_GF', count: 3 }, { tag: 'NXOS_ADVANTAGE_GF', count: 4 }]);
    const { status, body } = await call('POST', `${h.url}${BASE}/v1/accounts/acme.example.com/licenses`, bearer, { virtualAccounts: ['Default'], limit: 50, offset: 0 });
    expect(status).toBe(200);
    expect(body.totalRecords).toBe(2);
    expect(body.licenses).toContainEqual(expect.objectContaining({ license: 'NX-OS Essentials GF', quantity: 20, inUse: 3, available: 17, status: 'In Compliance', licenseDetails: expect.any(Array) }));
    expect(body.licenses).toContainEqual(expect.objectContaining({ license: 'NX-OS Advantage GF', quantity: 2, inUse: 4, available: -2, status: 'Out Of Compliance' }));
    const page = await call('POST', `${h.url}${BASE}/v1/accounts/acme.example.com/licenses`, bearer, { virtualAccounts: ['Default'], limit: 1, offset: 1 });
    expect(page.body).toMatchObject({ totalRecords: 2, licenses: [expect.any(Object)] });
  });

  it('lists the devices of a VA', async () => {
    const { status, body } = await call('GET', `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Default/devices`, bearer);
    expect(status).toBe(200);
    expect(body.totalRecords).toBe(2);
    expect(body.devices).toContainEqual(
      expect.objectContaining({ sudi: { udiPid: 'N9K-C93180YC-FX', udiSerialNumber: 'API00003' }, licenseUsage: expect.arrayContaining([expect.objectContaining({ licenseTag: 'NXOS_ESSENTIALS_GF', quantity: 3 })]) }),
    );
  });

  describe('bad inputs: each a 4xx with a code', () => {
    const expectError = (res: { status: number; body: any }, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    };

    it('token endpoint: wrong secret, unknown client, wrong grant, missing fields', async () => {
      const post = (body: string) => fetch(`${h.url}/oauth2/default/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }).then(async (r) => ({ status: r.status, body: await r.json() }));
      expectError(await post('grant_type=client_credentials&client_id=test-client&client_secret=wrong'), 401, 'INVALID_CLIENT');
      expectError(await post('grant_type=client_credentials&client_id=nobody&client_secret=x'), 401, 'INVALID_CLIENT');
      expectError(await post('grant_type=password&client_id=test-client&client_secret=test-secret'), 400, 'UNSUPPORTED_GRANT_TYPE');
      expectError(await post('client_id=test-client'), 422, 'VALIDATION_FAILED');
    });

    it('no token, an unknown token, an expired token: 401', async () => {
      expectError(await call('GET', `${h.url}${BASE}/v2/accounts`), 401, 'UNAUTHORIZED');
      expectError(await call('GET', `${h.url}${BASE}/v2/accounts`, 'not-a-token'), 401, 'UNAUTHORIZED');
      const oauth = await fetch(`${h.url}/oauth2/default/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials&client_id=test-client&client_secret=test-secret' });
      const expiring = ((await oauth.json()) as { access_token: string }).access_token;
      await h.ds.getRepository(OAuthAccessToken).createQueryBuilder().update().set({ expiresAt: new Date(Date.now() - 1000) }).where('client_id = :c AND expires_at > now()', { c: 'test-client' }).andWhere('token_hash <> :keep', { keep: createHash('sha256').update(bearer).digest('hex') }).execute();
      expectError(await call('GET', `${h.url}${BASE}/v2/accounts`, expiring), 401, 'UNAUTHORIZED');
      expect((await call('GET', `${h.url}${BASE}/v2/accounts`, bearer)).status).toBe(200);
    });

    it('unknown account or VA: 404', async () => {
      expectError(await call('GET', `${h.url}${BASE}/v2/accounts/nope.example.com/virtual-accounts/Default/tokens`, bearer), 404, 'ACCOUNT_NOT_FOUND');
      expectError(await call('GET', `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Nope/devices`, bearer), 404, 'VIRTUAL_ACCOUNT_NOT_FOUND');
      expectError(await call('POST', `${h.url}${BASE}/v1/accounts/nope.example.com/licenses`, bearer, {}), 404, 'ACCOUNT_NOT_FOUND');
      expectError(await call('POST', `${h.url}${BASE}/v1/accounts/acme.example.com/licenses`, bearer, { virtualAccounts: ['Nope'] }), 404, 'VIRTUAL_ACCOUNT_NOT_FOUND');
      expectError(await call('POST', `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Default/tokens/revoke`, bearer, { tokens: [{ token: 'nope' }] }), 404, 'TOKEN_NOT_FOUND');
    });

    it('wrong types: 422 naming the field', async () => {
      const tokens = `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Default/tokens`;
      const days = await call('POST', tokens, bearer, { description: 'x', expiresAfterDays: '30', exportControlled: 'Allowed' });
      expectError(days, 422, 'VALIDATION_FAILED');
      expect(days.body.error.message).toMatch(/expiresAfterDays/);
      expectError(await call('POST', tokens, bearer, { expiresAfterDays: 366 }), 422, 'VALIDATION_FAILED');
      expectError(await call('POST', tokens, bearer, { exportControlled: 'yes' }), 422, 'VALIDATION_FAILED');
      expectError(await call('POST', tokens, bearer, { maxUses: 0 }), 422, 'VALIDATION_FAILED');
      expectError(await call('POST', `${tokens}/revoke`, bearer, { tokens: 'abc' }), 422, 'VALIDATION_FAILED');
      expectError(await call('POST', `${h.url}${BASE}/v1/accounts/acme.example.com/licenses`, bearer, { limit: -1 }), 422, 'VALIDATION_FAILED');
      expectError(await call('GET', `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Default/devices?limit=abc`, bearer), 422, 'VALIDATION_FAILED');
      expectError(await call('POST', tokens, bearer, '{"description":'), 400, 'MALFORMED_JSON');
    });

    it('a body over 1 MB: 413', async () => {
      const big = { description: 'x'.repeat(1_100_000) };
      expectError(await call('POST', `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Default/tokens`, bearer, big), 413, 'PAYLOAD_TOO_LARGE');
    });

    it('an unknown route: 404 with a code', async () => {
      expectError(await call('GET', `${h.url}${BASE}/v9/nothing`, bearer), 404, 'ROUTE_NOT_FOUND');
    });
  });
  // Last: it moves the clock 30 minutes on (within the bearer's hour).
  it('answers at the stored simulated instant even when its copy of the clock has not seen it yet', async () => {
    const tokens = `${h.url}${BASE}/v2/accounts/acme.example.com/virtual-accounts/Default/tokens`;
    const stored = h.clock.now() + 30 * 60_000;
    h.clock.stored = stored;
    const created = await call('POST', tokens, bearer, { description: 'after an advance', expiresAfterDays: 1, exportControlled: 'Not Allowed' });
    expect(created.status).toBe(200);
    const listed = await call('GET', tokens, bearer);
    const token = listed.body.tokens.find((t: { token: string }) => t.token === created.body.tokenInfo.token);
    expect(token.createdDate).toBe(new Date(stored).toISOString());
  });
});
