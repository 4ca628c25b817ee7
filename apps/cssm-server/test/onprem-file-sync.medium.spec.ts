import { parse } from 'yaml';
import { call, DAY } from './cssm-harness';
import { SimulatedSwitch } from './simulated-switch';
import { accountsOf, ADMIN, cloudPools, DOMAIN, fileSync, linkAccount, Pair, registerFleet, startPair } from './onprem-pair';

const M4 = 'NXOS_ESSENTIALS_M4';

describe('On-Prem offline sync by files (SPEC §10 method 4)', () => {
  let p: Pair;

  beforeAll(async () => {
    p = await startPair({ [M4]: 10 });
    await linkAccount(p, 'lab4');
  });
  afterAll(() => p.close());

  it('lists a new account as not yet synchronised, due one interval after its creation', async () => {
    const lab4 = (await accountsOf(p.onprem, p.onpremBearer)).lab4;
    expect(lab4).toMatchObject({ name: 'lab4', domain: DOMAIN, virtualAccount: 'Default', lastSynchronization: null, alert: 'Not yet synchronized' });
    expect(Date.parse(lab4.synchronizationDue)).toBe(p.onprem.clock.t + 30 * DAY);
  });

  it('authorizes against the pools it last received, then syncs: the cloud counts the On-Prem usage', async () => {
    const fleet = await registerFleet(p, 'LAB4-', 3, [{ tag: M4, count: 2 }]);
    // Nothing received from the cloud yet: the local pool is empty.
    expect((await fleet[0].authorize([{ tag: M4, count: 2 }])).body.inCompliance).toBe(false);

    const { request, response, imported } = await fileSync(p, 'lab4');
    expect(request.status).toBe(200);
    expect(request.disposition).toBe('attachment; filename="license-sync-request-lab4_20300101-1.yml"');
    const file = parse(request.text);
    expect(file).toMatchObject({ kind: 'license-sync-request', account: 'lab4', onpremInstance: 'onprem', sequence: 1, signature: expect.stringMatching(/^hmac-sha256:/) });
    expect(file.instances).toHaveLength(3);
    expect(file.instances[0]).toMatchObject({ udi: 'N9K-C93180YC-FX:LAB4-0', usage: [{ tag: M4, count: 2 }] });

    expect(response.status).toBe(200);
    expect(response.disposition).toContain('license-sync-response-lab4_20300101-1.yml');
    expect(parse(response.text)).toMatchObject({ kind: 'license-sync-response', sequence: 1, pools: [{ tag: M4, purchased: 10, available: 10 }] });
    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ account: 'lab4', sequence: 1, changed: [{ tag: M4, before: 0, after: 10 }] });

    expect((await cloudPools(p))[M4]).toEqual({ purchased: 10, inUse: 6 });
    const devices = await call('GET', `${p.cloud.url}/services/api/smart-accounts-and-licensing/v2/accounts/${DOMAIN}/virtual-accounts/Default/devices`, p.cloudBearer);
    expect(devices.body.devices.map((d: { instanceName: string }) => d.instanceName)).toEqual(['N9K-C93180YC-FX:LAB4-0', 'N9K-C93180YC-FX:LAB4-1', 'N9K-C93180YC-FX:LAB4-2']);
    expect((await fleet[0].authorize([{ tag: M4, count: 2 }])).body.inCompliance).toBe(true);
  });

  it('shows last synchronisation and due date on both sides, and the overdue alert once due has passed', async () => {
    const t = p.onprem.clock.t;
    expect((await accountsOf(p.onprem, p.onpremBearer)).lab4).toMatchObject({ lastSynchronization: new Date(t).toISOString(), synchronizationDue: new Date(t + 30 * DAY).toISOString(), alert: null });
    expect((await accountsOf(p.cloud, p.cloudBearer)).lab4).toMatchObject({
      productInstances: 3,
      lastSyncUp: new Date(t).toISOString(),
      lastSyncDown: new Date(t).toISOString(),
      synchronizationDue: new Date(t + 30 * DAY).toISOString(),
      onpremInstance: 'onprem',
      alert: null,
    });
    p.onprem.clock.advance(30 * DAY); // now = due: overdue (SPEC §0, a deadline has passed when now ≥ it)
    expect((await accountsOf(p.onprem, p.onpremBearer)).lab4.alert).toBe('Synchronization overdue');
    expect((await accountsOf(p.cloud, p.cloudBearer)).lab4.alert).toBe('Synchronization overdue');
  });

  it('follows usage changes and deregistrations on the next sync; the cloud pool is shared with direct switches', async () => {
    const extra = await registerFleet(p, 'LAB4-X', 2, [{ tag: M4, count: 3 }]); // 6 + 6 = 12 > 10
    await extra[0].deregister(); // 6 + 3 = 9
    const { imported } = await fileSync(p, 'lab4');
    expect(imported.json.sequence).toBe(2);
    expect((await cloudPools(p))[M4]).toEqual({ purchased: 10, inUse: 9 });
    expect((await accountsOf(p.onprem, p.onpremBearer)).lab4.alert).toBeNull();

    await call('POST', `${p.cloud.url}${ADMIN}/accounts/${DOMAIN}/virtual-accounts/Default/licenses`, p.cloudBearer, { tag: M4, quantity: 5 });
    const direct = new SimulatedSwitch(p.cloud.url, 'N9K-C93180YC-FX', 'DIRECT1');
    const token = await call('POST', `${p.cloud.url}/services/api/smart-accounts-and-licensing/v2/accounts/${DOMAIN}/virtual-accounts/Default/tokens`, p.cloudBearer, {});
    expect((await direct.register(token.body.tokenInfo.token)).body.status).toBe('SUCCESS');
    await direct.authorize([{ tag: M4, count: 2 }]);
    // 15 purchased, 2 used by the direct switch: this On-Prem may use 13.
    const again = await fileSync(p, 'lab4');
    expect(again.imported.json.changed).toEqual([{ tag: M4, before: 10, after: 13 }]);
    expect((await cloudPools(p))[M4]).toEqual({ purchased: 15, inUse: 11 });
  });
});
