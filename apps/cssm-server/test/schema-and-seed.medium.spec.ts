import { ENTITLEMENT_TAGS } from '@fleetlic/contracts';
import { pendingSchemaChanges } from '@fleetlic/persistence';
import { schemaIsCurrent } from '../src/persistence/schema-check';
import { seedDemo } from '../src/seed';
import { call, DAY, Harness, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

describe('cssm-server schema and demo seed', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('has no drift between entities and migrations, and knows the schema is current', async () => {
    expect(await pendingSchemaChanges(h.ds)).toEqual([]);
    expect(await schemaIsCurrent(h.ds, h.schema)).toBe(true);
    expect(await schemaIsCurrent(h.ds, `${h.schema}_missing`)).toBe(false);
  });

  it('seeds the demo account once: a client that works, 100 of each tag, a 30-day export-controlled token', async () => {
    const seed = await seedDemo(h.ds, h.clock);
    expect(seed).toEqual({ clientId: 'demo-client', clientSecret: expect.any(String), idToken: expect.any(String) });
    expect(await seedDemo(h.ds, h.clock)).toBeNull();

    const form = `grant_type=client_credentials&client_id=demo-client&client_secret=${encodeURIComponent(seed!.clientSecret)}`;
    const oauth = await fetch(`${h.url}/oauth2/default/v1/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    const bearer = ((await oauth.json()) as { access_token: string }).access_token;
    const pools = await call('GET', `${h.url}/admin/api/v1/accounts/demo.example.com/virtual-accounts/Default/licenses`, bearer);
    expect(pools.body.licenses.map((p: { tag: string; purchased: number }) => [p.tag, p.purchased])).toEqual([...ENTITLEMENT_TAGS].sort().map((t) => [t, 100]));

    const reg = await new SimulatedSwitch(h.url, 'N9K-C93180YC-FX', 'FDO12345678').register(seed!.idToken);
    expect(reg.body).toMatchObject({ status: 'SUCCESS', smartAccount: 'Demo Customer', virtualAccount: 'Default', exportControlled: true });
    const expired = await new SimulatedSwitch(h.url, 'N9K-C93180YC-FX', 'FDO1').register(seed!.idToken, { time: h.clock.t + 30 * DAY });
    expect(expired.body.code).toBe('TOKEN_EXPIRED');
  });
});
