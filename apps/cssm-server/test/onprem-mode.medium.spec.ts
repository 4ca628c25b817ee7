import { DEVICE_PATHS } from '@fleetlic/contracts';
import { call, Harness, postJson, startHarness } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';

describe('cssm-server in onprem mode', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness('onprem');
  });
  afterAll(() => h.close());

  it('serves the On-Prem device path in its own schema, and not the cloud path', async () => {
    expect(h.schema).toMatch(/_cssm_onprem$/);
    const acct = await h.account('site.example.com', 'Default', { NXOS_ESSENTIALS_M4: 1 });
    const s = new SimulatedSwitch(h.url, 'N77-C7706', 'ONPREM1', DEVICE_PATHS.onprem);
    expect((await s.register(await acct.token())).body.status).toBe('SUCCESS');
    expect((await s.authorize([{ tag: 'NXOS_ESSENTIALS_M4', count: 1 }])).body.inCompliance).toBe(true);
    const cloud = await postJson(`${h.url}${DEVICE_PATHS.cloud}`, {});
    expect(cloud.status).toBe(404);
    expect(cloud.body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('describes its routes in the OpenAPI document at /docs', async () => {
    const doc = await call('GET', `${h.url}/docs-json`);
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/oauth2/default/v1/token', '/admin/api/v1/ca/rotate', DEVICE_PATHS.onprem]));
  });
});
