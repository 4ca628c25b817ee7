import { OutboxMessage } from '@fleetlic/persistence';
import { NetworkSyncService, SYNC_RETRY_MS } from '../src/onprem/network-sync.service';
import { UpstreamClient } from '../src/onprem/upstream-client';
import { call, DAY } from './cssm-harness';
import { accountsOf, ADMIN, cloudPools, DOMAIN, Pair, registerFleet, startPair } from './onprem-pair';

const A4 = 'NXOS_ADVANTAGE_M4';

describe('On-Prem network sync (SPEC §10 method 3)', () => {
  let p: Pair;
  const wakeAt = async (key: string) =>
    (await p.onprem.ds.getRepository(OutboxMessage).find({ order: { id: 'DESC' } })).map((m) => m.payload as { key: string; at: string | null }).find((w) => w.key === key)?.at;

  beforeAll(async () => {
    p = await startPair({ [A4]: 4 });
  });
  afterAll(() => p.close());

  it('creates the account in the cloud itself when no key is given, and asks for a first sync at once', async () => {
    const created = await call('POST', `${p.onprem.url}${ADMIN}/onprem-accounts`, p.onpremBearer, { name: 'net1', domain: DOMAIN, virtualAccount: 'Default' });
    expect(created.status).toBe(201);
    expect((await accountsOf(p.cloud, p.cloudBearer)).net1).toMatchObject({ name: 'net1', productInstances: 0, lastSyncUp: null });
    expect(await wakeAt('sync.net1')).toBe(new Date(p.onprem.clock.t).toISOString());
  });

  it('syncs on demand: usage up, pools down, next sync asked for one interval later', async () => {
    const fleet = await registerFleet(p, 'NET-', 3, [{ tag: A4, count: 2 }]);
    const res = await call('POST', `${p.onprem.url}${ADMIN}/sync/now?account=net1`, p.onpremBearer);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ account: 'net1', sequence: 1, changed: [{ tag: A4, before: 0, after: 4 }] });
    expect((await cloudPools(p))[A4]).toEqual({ purchased: 4, inUse: 6 });
    expect((await fleet[0].authorize([{ tag: A4, count: 2 }])).body.inCompliance).toBe(false);
    expect(await wakeAt('sync.net1')).toBe(new Date(p.onprem.clock.t + 30 * DAY).toISOString());
    expect((await accountsOf(p.cloud, p.cloudBearer)).net1).toMatchObject({ productInstances: 3, lastSequence: 1 });
  });

  it('syncs when its wake fires on the shared clock; an early wake does nothing', async () => {
    const sync = p.onprem.app.get(NetworkSyncService);
    const wake = (at: number) => sync.handleWake({ owner: 'cssm.onprem', key: 'sync.net1', at: new Date(at).toISOString() });
    expect(await wake(p.onprem.clock.t + DAY)).toBe('nothing');
    await call('POST', `${p.cloud.url}${ADMIN}/accounts/${DOMAIN}/virtual-accounts/Default/licenses`, p.cloudBearer, { tag: A4, quantity: 2 });
    const due = p.onprem.clock.advance(30 * DAY);
    expect(await wake(due)).toBe('synchronized');
    expect((await accountsOf(p.onprem, p.onpremBearer)).net1).toMatchObject({ lastSynchronization: new Date(due).toISOString(), lastResponseSequence: 2, alert: null });
    expect((await accountsOf(p.cloud, p.cloudBearer)).net1.lastSyncUp).toBe(new Date(due).toISOString());
  });

  it('retries a failed scheduled sync a day later, and says why sync-now failed', async () => {
    const sync = p.onprem.app.get(NetworkSyncService);
    const upstream = p.onprem.app.get(UpstreamClient);
    const config = (upstream as unknown as { config: { onprem: { upstreamUrl: string } } }).config;
    const saved = config.onprem.upstreamUrl;
    config.onprem.upstreamUrl = 'http://127.0.0.1:9'; // nothing listens on the discard port
    try {
      const due = p.onprem.clock.advance(30 * DAY);
      expect(await sync.handleWake({ owner: 'cssm.onprem', key: 'sync.net1', at: new Date(due).toISOString() })).toBe('sync failed');
      expect(await wakeAt('sync.net1')).toBe(new Date(due + SYNC_RETRY_MS).toISOString());
      const res = await call('POST', `${p.onprem.url}${ADMIN}/sync/now?account=net1`, p.onpremBearer);
      expect(res.status).toBe(424);
      expect(res.body.error).toMatchObject({ code: 'SYNC_UPSTREAM_FAILED', message: expect.stringContaining('http://127.0.0.1:9') });
      expect((await accountsOf(p.onprem, p.onpremBearer)).net1.alert).toBe('Synchronization overdue');
    } finally {
      config.onprem.upstreamUrl = saved;
    }
  });

  it('refuses sync routes in the wrong mode and unknown accounts', async () => {
    const wrong = await call('POST', `${p.cloud.url}${ADMIN}/sync/now?account=net1`, p.cloudBearer);
    expect(wrong).toMatchObject({ status: 404, body: { error: { code: 'WRONG_MODE' } } });
    const unknown = await call('GET', `${p.onprem.url}${ADMIN}/sync/request?account=nope`, p.onpremBearer);
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'ONPREM_ACCOUNT_NOT_FOUND' } } });
    const dup = await call('POST', `${p.onprem.url}${ADMIN}/onprem-accounts`, p.onpremBearer, { name: 'net2', domain: DOMAIN, virtualAccount: 'Default' });
    expect(dup).toMatchObject({ status: 409, body: { error: { code: 'ONPREM_ACCOUNT_EXISTS' } } });
    expect((await accountsOf(p.cloud, p.cloudBearer)).net2).toBeUndefined(); // refused before the cloud heard of it
  });
});
