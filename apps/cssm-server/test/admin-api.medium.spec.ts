import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';
import { call, Harness, postJson, startHarness } from './cssm-harness';

const ADMIN = '/admin/api/v1';

describe('cssm-server admin API', () => {
  let h: Harness;
  let bearer: string;
  const expectError = (res: { status: number; body: any }, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  };

  beforeAll(async () => {
    h = await startHarness();
    bearer = await h.bearer();
  });
  afterAll(() => h.close());

  it('creates a Smart Account and a virtual account (201), adds, removes and lists licenses', async () => {
    expect(await call('POST', `${h.url}${ADMIN}/accounts`, bearer, { name: 'Lab Customer', domain: 'lab.example.com' })).toEqual({ status: 201, body: { name: 'Lab Customer', domain: 'lab.example.com' } });
    expect((await call('POST', `${h.url}${ADMIN}/accounts/lab.example.com/virtual-accounts`, bearer, { name: 'Spine' })).status).toBe(201);
    const licenses = `${h.url}${ADMIN}/accounts/lab.example.com/virtual-accounts/Spine/licenses`;
    expect(await call('POST', licenses, bearer, { tag: 'NXOS_ADVANTAGE_M4', quantity: 12 })).toEqual({
      status: 200,
      body: { tag: 'NXOS_ADVANTAGE_M4', name: 'NX-OS Advantage M4', purchased: 12, inUse: 0, balance: 12 },
    });
    expect((await call('POST', licenses, bearer, { tag: 'NXOS_ADVANTAGE_M4', quantity: -2 })).body.purchased).toBe(10);
    expect((await call('GET', licenses, bearer)).body).toEqual({ virtualAccount: 'Spine', licenses: [{ tag: 'NXOS_ADVANTAGE_M4', name: 'NX-OS Advantage M4', purchased: 10, inUse: 0, balance: 10 }] });
    const accounts = await call('GET', `${h.url}/services/api/smart-accounts-and-licensing/v2/accounts`, bearer);
    expect(accounts.body.accounts).toContainEqual(expect.objectContaining({ accountName: 'Lab Customer', accountDomain: 'lab.example.com' }));
  });

  it('refuses duplicates (409), unknown accounts/VAs (404), bad fields (422) and removing more than held (422)', async () => {
    expectError(await call('POST', `${h.url}${ADMIN}/accounts`, bearer, { name: 'Again', domain: 'lab.example.com' }), 409, 'ACCOUNT_EXISTS');
    expectError(await call('POST', `${h.url}${ADMIN}/accounts/lab.example.com/virtual-accounts`, bearer, { name: 'Spine' }), 409, 'VIRTUAL_ACCOUNT_EXISTS');
    expectError(await call('POST', `${h.url}${ADMIN}/accounts/nope.example.com/virtual-accounts`, bearer, { name: 'X' }), 404, 'ACCOUNT_NOT_FOUND');
    expectError(await call('GET', `${h.url}${ADMIN}/accounts/lab.example.com/virtual-accounts/Nope/licenses`, bearer), 404, 'VIRTUAL_ACCOUNT_NOT_FOUND');
    expectError(await call('DELETE', `${h.url}${ADMIN}/accounts/lab.example.com/virtual-accounts/Spine/devices/N9K-X:NOPE`, bearer), 404, 'DEVICE_NOT_FOUND');
    expectError(await call('POST', `${h.url}${ADMIN}/accounts`, bearer, { name: 42, domain: 'x.example.com' }), 422, 'VALIDATION_FAILED');
    expectError(await call('POST', `${h.url}${ADMIN}/accounts`, bearer, { name: 'X', domain: 'not a domain' }), 422, 'VALIDATION_FAILED');
    expectError(await call('POST', `${h.url}${ADMIN}/accounts/lab.example.com/virtual-accounts`, bearer, {}), 422, 'VALIDATION_FAILED');
    const licenses = `${h.url}${ADMIN}/accounts/lab.example.com/virtual-accounts/Spine/licenses`;
    const unknownTag = await call('POST', licenses, bearer, { tag: 'NXOS_PLATINUM', quantity: 1 });
    expectError(unknownTag, 422, 'VALIDATION_FAILED');
    expect(unknownTag.body.error.message).toContain(ENTITLEMENT_TAGS.join(', '));
    expectError(await call('POST', licenses, bearer, { tag: 'NXOS_ADVANTAGE_M4', quantity: 1.5 }), 422, 'VALIDATION_FAILED');
    expectError(await call('POST', licenses, bearer, { tag: 'NXOS_ADVANTAGE_M4', quantity: -100 }), 422, 'INSUFFICIENT_LICENSES');
    expectError(await call('POST', licenses, bearer, { tag: 'NXOS_ADVANTAGE_M4', quantity: 'x'.repeat(1_200_000) }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('requires a bearer token for everything but GET /ca and /health', async () => {
    expectError(await call('POST', `${h.url}${ADMIN}/accounts`, undefined, { name: 'X', domain: 'x.example.com' }), 401, 'UNAUTHORIZED');
    expectError(await call('POST', `${h.url}${ADMIN}/ca/rotate`), 401, 'UNAUTHORIZED');
    expectError(await call('GET', `${h.url}${ADMIN}/onprem-accounts`, 'expired-or-unknown'), 401, 'UNAUTHORIZED');
    expect((await call('GET', `${h.url}${ADMIN}/ca`)).status).toBe(200);
    expect((await call('GET', `${h.url}/health`)).body).toMatchObject({ status: 'ok', instance: 'cloud', mode: 'cloud' });
  });

  it('lists On-Prem accounts (none until On-Prem sync exists)', async () => {
    expect(await call('GET', `${h.url}${ADMIN}/onprem-accounts`, bearer)).toEqual({ status: 200, body: { accounts: [] } });
  });

  it('answers a non-JSON body with 400 and a code', async () => {
    expectError(await postJson(`${h.url}${ADMIN}/accounts`, '{"name":', { authorization: `Bearer ${bearer}` }), 400, 'MALFORMED_JSON');
  });
});
