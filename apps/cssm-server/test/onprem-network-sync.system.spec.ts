import { advanceTo, cloudVa, DAY, FLEET_SIZE, iso, ONPREM, OnpremFleet, T0, useOnpremStack, expectCloudEqualsOnprem } from './onprem-stack';
import { expectEventually } from '@fleetlic/testing';

// Issue 9 system test 2: the same fleet and 120 days as the file test, synchronised over the
// network (FLEETLIC_ONPREM_UPSTREAM_URL and client credentials on the On-Prem process): every sync
// is a scheduler wake on the shared clock. The sync that is skipped is one the cloud was down for:
// the On-Prem retries a day later until the cloud is back, showing the alert meanwhile.
const ESS = 'NXOS_ESSENTIALS_XF';
const ADV = 'NXOS_ADVANTAGE_XF';
const VA = 'Default';
const ACCOUNT = 'lab';
let fleet: OnpremFleet;

const s = useOnpremStack({ upstream: true });

/** The On-Prem's row once its last synchronisation is `at` (the wake's handling may end just after the advance). */
const syncedAt = (at: number) =>
  expectEventually(async () => expect((await s.onprem.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSynchronization: iso(at), synchronizationDue: iso(at + 30 * DAY), alert: null }), {
    timeoutMs: 15_000,
    intervalMs: 200,
  });

it('syncs over the network on its schedule over 120 days, one due date missed: cloud counts equal the On-Prem usage', async () => {
  await cloudVa(s.cloud, VA, { [ESS]: 2 * FLEET_SIZE, [ADV]: FLEET_SIZE });
  // No key given: the On-Prem registers the account in the cloud itself and asks for a first sync at once.
  const local = await s.onprem.raw('POST', '/admin/api/v1/onprem-accounts', { name: ACCOUNT, domain: 'demo.example.com', virtualAccount: VA });
  expect(local.status, local.text).toBe(201);
  expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({ name: ACCOUNT, virtualAccount: VA, productInstances: 0, lastSyncUp: null });
  await advanceTo(s.stack, T0 + 60_000);
  await syncedAt(T0);

  fleet = await OnpremFleet.create(s, 'net', FLEET_SIZE);
  const token = await s.onprem.idToken(VA);
  await fleet.each(async (name, i) => {
    await fleet.setUsage(name, { [ESS]: 1, ...(i % 2 === 0 ? { [ADV]: 1 } : {}) });
    await fleet.register(name, token);
  });
  await fleet.expectAllAuthorized();
  expect(await s.cloud.inUse(VA)).toEqual({});

  // Due 1: the wake at T0 + 30 d syncs.
  await advanceTo(s.stack, T0 + 30 * DAY);
  await syncedAt(T0 + 30 * DAY);
  await expectCloudEqualsOnprem(s, fleet.total(), VA);
  expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({ productInstances: FLEET_SIZE, lastSyncUp: iso(T0 + 30 * DAY), synchronizationDue: iso(T0 + 60 * DAY), alert: null, onpremInstance: 'onprem' });

  await advanceTo(s.stack, T0 + 40 * DAY);
  await fleet.each((name) => fleet.setUsage(name, { ...fleet.usage.get(name)!, [ESS]: 2 }), fleet.names.slice(0, 5));
  await fleet.deregister(fleet.names[FLEET_SIZE - 1]);
  await expect.poll(() => s.onprem.inUse(VA), { timeout: 15_000, interval: 200 }).toEqual(fleet.total());
  const behind = await s.cloud.inUse(VA);

  // Due 2 (T0 + 60 d) is missed: the cloud is down from T0 + 59 d to T0 + 65 d.
  await advanceTo(s.stack, T0 + 59 * DAY);
  await s.stack.kill('cssm-server');
  await advanceTo(s.stack, T0 + 65 * DAY);
  expect((await s.onprem.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSynchronization: iso(T0 + 30 * DAY), synchronizationDue: iso(T0 + 60 * DAY), alert: 'Synchronization overdue' });
  expect(s.stack.logs(ONPREM)).toContain('On-Prem network sync failed; retrying later');
  await fleet.expectAllAuthorized(); // the switches never needed the cloud
  await s.stack.restart('cssm-server');
  expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({ lastSyncUp: iso(T0 + 30 * DAY), synchronizationDue: iso(T0 + 60 * DAY), alert: 'Synchronization overdue' });
  expect(await s.cloud.inUse(VA)).toEqual(behind);

  // The retry a day later (T0 + 66 d) finds the cloud back.
  await advanceTo(s.stack, T0 + 66 * DAY);
  await syncedAt(T0 + 66 * DAY);
  await expectCloudEqualsOnprem(s, fleet.total(), VA);
  expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({ productInstances: FLEET_SIZE - 1, lastSyncUp: iso(T0 + 66 * DAY), alert: null });

  await advanceTo(s.stack, T0 + 90 * DAY);
  await fleet.each((name) => fleet.setUsage(name, { ...fleet.usage.get(name)!, [ADV]: 1 }), fleet.names.slice(1, 6));

  // Due 3 (T0 + 96 d), then the end of the 120 days.
  await advanceTo(s.stack, T0 + 120 * DAY);
  await syncedAt(T0 + 96 * DAY);
  await expectCloudEqualsOnprem(s, fleet.total(), VA);
  expect(await s.cloud.inUse(VA)).toEqual({ [ESS]: FLEET_SIZE - 1 + 5, [ADV]: Math.ceil((FLEET_SIZE - 1) / 2) + 3 });
  expect((await s.cloud.onpremAccounts())[ACCOUNT]).toMatchObject({ productInstances: FLEET_SIZE - 1, lastSyncUp: iso(T0 + 96 * DAY), synchronizationDue: iso(T0 + 126 * DAY), alert: null });
  await fleet.expectAllAuthorized();
});
