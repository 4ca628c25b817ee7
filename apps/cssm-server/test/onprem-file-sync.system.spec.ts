import { parse } from 'yaml';
import { advanceTo, cloudVa, DAY, FLEET_SIZE, fileSync, iso, OnpremFleet, T0, useOnpremStack, expectCloudEqualsOnprem } from './onprem-stack';

// Issue 9 system test 1: a fleet registered with an On-Prem server (method 3) and synchronised
// offline by files (method 4) over 120 simulated days, one sync skipped: the cloud ends counting
// exactly the On-Prem's usage, and both sides showed the overdue alert while the sync was late.
// All services are processes; the clock is the simulated one, advanced through the gateway.
const ESS = 'NXOS_ESSENTIALS_XF';
const ADV = 'NXOS_ADVANTAGE_XF';
const VA = 'Default';
const ACCOUNT = 'lab';
let fleet: OnpremFleet;

const s = useOnpremStack({ upstream: false });

it('syncs by files at each due date but one over 120 days: cloud counts equal the On-Prem usage; overdue shown while late', async () => {
  // Set-up at T0: the cloud VA, the On-Prem account tied to it (key handed over), a first sync.
  await cloudVa(s.cloud, VA, { [ESS]: 2 * FLEET_SIZE, [ADV]: FLEET_SIZE });
  const registered = await s.cloud.raw('POST', '/admin/api/v1/onprem-accounts', { name: ACCOUNT, domain: 'demo.example.com', virtualAccount: VA });
  expect(registered.status, registered.text).toBe(201);
  const local = await s.onprem.raw('POST', '/admin/api/v1/onprem-accounts', { name: ACCOUNT, domain: 'demo.example.com', virtualAccount: VA, syncKey: registered.body.syncKey });
  expect(local.status, local.text).toBe(201);
  expect((await s.onprem.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSynchronization: null, synchronizationDue: iso(T0 + 30 * DAY), alert: 'Not yet synchronized' });

  const first = await fileSync(s, ACCOUNT);
  expect(first.request.disposition).toBe(`attachment; filename="license-sync-request-${ACCOUNT}_20220622-1.yml"`);
  expect(first.imported).toMatchObject({ account: ACCOUNT, sequence: 1, synchronizationDue: iso(T0 + 30 * DAY) });
  expect((await s.onprem.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSynchronization: iso(T0), alert: null });

  // The fleet registers with the On-Prem server (tokens of its account API) and authorizes there.
  fleet = await OnpremFleet.create(s, 'op', FLEET_SIZE);
  const token = await s.onprem.idToken(VA);
  await fleet.each(async (name, i) => {
    await fleet.setUsage(name, { [ESS]: 1, ...(i % 2 === 0 ? { [ADV]: 1 } : {}) });
    await fleet.register(name, token);
  });
  await fleet.expectAllAuthorized();
  expect(await s.onprem.inUse(VA)).toEqual(fleet.total());
  expect(await s.cloud.inUse(VA)).toEqual({}); // nothing synchronised since

  // Due 1 (T0 + 30 d): overdue at the due instant, synchronised, on time again.
  await advanceTo(s.stack, T0 + 30 * DAY);
  expect((await s.onprem.onpremAccounts())[ACCOUNT].alert).toBe('Synchronization overdue');
  const second = await fileSync(s, ACCOUNT);
  expect(parse(second.request.text).instances).toHaveLength(FLEET_SIZE);
  await expectCloudEqualsOnprem(s, fleet.total(), VA);
  expect((await s.onprem.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSynchronization: iso(T0 + 30 * DAY), synchronizationDue: iso(T0 + 60 * DAY), alert: null });
  expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({
    productInstances: FLEET_SIZE,
    lastSyncUp: iso(T0 + 30 * DAY),
    lastSyncDown: iso(T0 + 30 * DAY),
    synchronizationDue: iso(T0 + 60 * DAY),
    alert: null,
    onpremInstance: 'onprem',
  });

  // Usage changes on the On-Prem side between syncs: more Essentials on five switches, one switch leaves.
  await advanceTo(s.stack, T0 + 40 * DAY);
  await fleet.each((name) => fleet.setUsage(name, { ...fleet.usage.get(name)!, [ESS]: 2 }), fleet.names.slice(0, 5));
  await fleet.deregister(fleet.names[FLEET_SIZE - 1]);
  await expect.poll(() => s.onprem.inUse(VA), { timeout: 15_000, interval: 200 }).toEqual(fleet.total());
  const behind = await s.cloud.inUse(VA);
  expect(behind).not.toEqual(fleet.total());

  // Due 2 (T0 + 60 d) is skipped: both sides show the alert, the cloud keeps the last counts.
  for (const at of [T0 + 60 * DAY, T0 + 75 * DAY]) {
    await advanceTo(s.stack, at);
    expect((await s.onprem.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSynchronization: iso(T0 + 30 * DAY), synchronizationDue: iso(T0 + 60 * DAY), alert: 'Synchronization overdue' });
    expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSyncUp: iso(T0 + 30 * DAY), synchronizationDue: iso(T0 + 60 * DAY), alert: 'Synchronization overdue' });
    expect(await s.cloud.inUse(VA)).toEqual(behind);
  }
  // The switches do not depend on the sync: the On-Prem server keeps authorizing them.
  await fleet.expectAllAuthorized();

  // Due 3 (T0 + 90 d): the late sync brings the cloud up to date.
  await advanceTo(s.stack, T0 + 90 * DAY);
  await fileSync(s, ACCOUNT);
  await expectCloudEqualsOnprem(s, fleet.total(), VA);
  expect((await s.onprem.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSynchronization: iso(T0 + 90 * DAY), synchronizationDue: iso(T0 + 120 * DAY), alert: null });
  expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({ productInstances: FLEET_SIZE - 1, alert: null });

  await advanceTo(s.stack, T0 + 100 * DAY);
  await fleet.each((name) => fleet.setUsage(name, { ...fleet.usage.get(name)!, [ADV]: 1 }), fleet.names.slice(1, 6));

  // Due 4 (T0 + 120 d).
  await advanceTo(s.stack, T0 + 120 * DAY);
  const last = await fileSync(s, ACCOUNT);
  expect(last.imported.sequence).toBe(4);
  await expectCloudEqualsOnprem(s, fleet.total(), VA);
  expect(await s.cloud.inUse(VA)).toEqual({ [ESS]: FLEET_SIZE - 1 + 5, [ADV]: Math.ceil((FLEET_SIZE - 1) / 2) + 3 });
  expect((await s.onprem.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSynchronization: iso(T0 + 120 * DAY), synchronizationDue: iso(T0 + 150 * DAY), alert: null, lastResponseSequence: 4 });
  expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({ productInstances: FLEET_SIZE - 1, lastSyncUp: iso(T0 + 120 * DAY), lastSequence: 4, alert: null });
  await fleet.expectAllAuthorized();
});
