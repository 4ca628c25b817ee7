import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LICENSE_EVENTS, type SwitchEvent } from '@fleetlic/contracts';
import { ensureDatabase, pendingSchemaChanges, runMigrations } from '@fleetlic/persistence';
import { resolveInfra, uniqueNamespace } from '@fleetlic/testing';
import { changeOfEvent, changeOfLifecycle, foldChanges } from '../src/fleet/fleet-change.mapper';
import { FleetProjectionRepository } from '../src/fleet/fleet-projection.repository';
import { FleetReadRepository } from '../src/fleet/fleet-read.repository';
import { fleetCounts } from '../src/fleet/fleet-summary.query';
import { dataSourceFor } from '../src/persistence/gateway.data-source';

// The fleet projection's SQL against real PostgreSQL: idempotent batch upserts, keyset paging,
// the summary's counts, and (printed, not asserted) their latency at 100,000 switches.
let ds: DataSource;
let projection: FleetProjectionRepository;
let reads: FleetReadRepository;
const T0 = Date.parse('2022-06-22T16:15:41Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  const { databaseUrl } = await resolveInfra();
  await ensureDatabase(databaseUrl);
  ds = dataSourceFor({ DATABASE_URL: databaseUrl, FLEETLIC_NAMESPACE: uniqueNamespace('fleet') });
  await ds.initialize();
  await runMigrations(ds);
  projection = new FleetProjectionRepository(ds);
  reads = new FleetReadRepository(ds);
});
afterAll(async () => {
  await ds?.query(`DROP SCHEMA IF EXISTS "${(ds.options as { schema: string }).schema}" CASCADE`);
  await ds?.destroy();
});
beforeEach(async () => ds.query('TRUNCATE fleet_switch, fleet_switch_tombstone'));

let seq = 100;
function event(sw: { id: string; name: string }, name: string, extra: Partial<SwitchEvent> = {}): SwitchEvent {
  return { id: String(++seq), switchId: sw.id, switch: sw.name, name, at: iso(T0), severity: 'info', message: name, data: {}, ...extra } as SwitchEvent;
}
const apply = (events: SwitchEvent[]) => projection.apply(foldChanges(events.map(changeOfEvent)));

it('has a migration for every entity column', async () => {
  expect(await pendingSchemaChanges(ds)).toEqual([]);
});

it('applies events in order, ignores replays, keeps what an event does not say', async () => {
  const sw = { id: randomUUID(), name: 'sw-1' };
  await projection.created([{ switchId: sw.id, name: sw.name }], new Date(T0));
  const failed = event(sw, LICENSE_EVENTS.AGENT_REG_FAILED, { registration: 'UNREGISTERED - REGISTRATION FAILED', authorization: 'EVAL MODE', data: { reason: 'Fail to send out Call Home HTTP message' } });
  const ok = event(sw, LICENSE_EVENTS.AGENT_REG_SUCCESS, { registration: 'REGISTERED', authorization: 'EVAL MODE', at: iso(T0 + 1000), deadlineAt: iso(T0 + 90 * DAY) });
  const auth = event(sw, LICENSE_EVENTS.AUTH_RENEW_SUCCESS, { registration: 'REGISTERED', authorization: 'AUTHORIZED', at: iso(T0 + 2000) });
  await apply([failed]);
  expect((await reads.list({ limit: 10 })).items[0]).toMatchObject({ registration: 'UNREGISTERED - REGISTRATION FAILED', lastFailureReason: 'Fail to send out Call Home HTTP message' });
  await apply([ok, auth]);
  await apply([failed]); // a redelivery of an older event changes nothing
  const [row] = (await reads.list({ limit: 10 })).items;
  expect(row).toMatchObject({ registration: 'REGISTERED', authorization: 'AUTHORIZED', lastFailureReason: null, deadlineAt: iso(T0 + 90 * DAY) });
});

it('a creation redelivered after the first events, at the same instant, changes nothing (chaos at 2,000 switches)', async () => {
  const sw = { id: randomUUID(), name: 'sw-late' };
  const created = changeOfLifecycle({ id: 'c1', switchId: sw.id, switch: sw.name, kind: 'created', at: iso(T0), registration: 'UNREGISTERED', authorization: 'EVAL MODE' });
  const reg = changeOfEvent(event(sw, LICENSE_EVENTS.AGENT_REG_SUCCESS, { registration: 'REGISTERED', authorization: 'EVAL MODE' }));
  const auth = changeOfEvent(event(sw, LICENSE_EVENTS.AUTH_RENEW_SUCCESS, { registration: 'REGISTERED', authorization: 'AUTHORIZED' }));
  await projection.apply(foldChanges([created, reg, auth]));
  await projection.apply(foldChanges([created])); // alone in a later batch
  await projection.apply(foldChanges([auth, created])); // after an event in the same batch
  expect((await reads.list({ limit: 10 })).items[0]).toMatchObject({ name: 'sw-late', registration: 'REGISTERED', authorization: 'AUTHORIZED' });
});

it('a deleted switch stays deleted when a creation or an event about it arrives late', async () => {
  const sw = { id: randomUUID(), name: 'sw-gone' };
  const created = changeOfLifecycle({ id: 'c2', switchId: sw.id, switch: sw.name, kind: 'created', at: iso(T0), registration: 'UNREGISTERED', authorization: 'EVAL MODE' });
  const reg = event(sw, LICENSE_EVENTS.AGENT_REG_SUCCESS, { registration: 'REGISTERED', authorization: 'EVAL MODE' });
  await projection.created([{ switchId: sw.id, name: sw.name }], new Date(T0));
  await apply([reg]);
  await projection.removed([sw.id]);
  await projection.removed([sw.id]); // a repeated DELETE
  await projection.apply(foldChanges([created])); // redelivered after a gateway crash
  await apply([reg, event(sw, LICENSE_EVENTS.AUTH_RENEW_SUCCESS, { registration: 'REGISTERED', authorization: 'AUTHORIZED' })]);
  await projection.created([{ switchId: sw.id, name: sw.name }], new Date(T0));
  expect((await reads.list({ limit: 10 })).items).toEqual([]);
  // The name is free again: a new switch under it has a new id.
  const again = { id: randomUUID(), name: 'sw-gone' };
  await projection.created([{ switchId: again.id, name: again.name }], new Date(T0 + DAY));
  expect((await reads.list({ limit: 10 })).items).toMatchObject([{ name: 'sw-gone', registration: 'UNREGISTERED' }]);
});

it('knows switches that only had events, and lists by status with a keyset cursor', async () => {
  const sws = Array.from({ length: 25 }, (_, i) => ({ id: randomUUID(), name: `sw-${String(i).padStart(2, '0')}` }));
  await apply(sws.map((s, i) => event(s, LICENSE_EVENTS.AGENT_REG_SUCCESS, { registration: i % 2 ? 'REGISTERED' : 'UNREGISTERED', authorization: 'EVAL MODE' })));
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await reads.list({ registration: 'REGISTERED', limit: 5, cursor });
    names.push(...page.items.map((i) => i.name));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(names).toEqual(sws.filter((_, i) => i % 2).map((s) => s.name));
});

it('summarises counts, windows and failures', async () => {
  const a = { id: randomUUID(), name: 'a' };
  const b = { id: randomUUID(), name: 'b' };
  await apply([
    event(a, LICENSE_EVENTS.AUTH_RENEW_SUCCESS, { registration: 'REGISTERED', authorization: 'AUTHORIZED', deadlineAt: iso(T0 + 5 * DAY), certExpiresAt: iso(T0 + 20 * DAY) }),
    event(b, LICENSE_EVENTS.COMM_FAILED, { registration: 'REGISTERED', authorization: 'AUTHORIZED', deadlineAt: iso(T0 + 60 * DAY), data: { reason: 'Unable to parse SCH server response' } }),
  ]);
  const s = await fleetCounts(ds, T0, await reads.stateCounts());
  expect(s.total).toBe(2);
  expect(s.registration.REGISTERED).toBe(2);
  expect(s.authorization.AUTHORIZED).toBe(2);
  expect(s.upcoming.communicationDeadline).toEqual({ within7Days: 1, within30Days: 1, next: [{ name: 'a', at: iso(T0 + 5 * DAY) }, { name: 'b', at: iso(T0 + 60 * DAY) }] });
  expect(s.upcoming.certificateExpiry).toMatchObject({ within7Days: 0, within30Days: 1 });
  expect(s.failures).toEqual([{ reason: 'Unable to parse SCH server response', count: 1 }]);
});

it('answers summary and filtered pages quickly at 100,000 switches (printed figures)', async () => {
  await ds.query(`INSERT INTO fleet_switch (switch_id, name, registration, "authorization", deadline_at, cert_expires_at, eval_ends_at, last_failure_reason, updated_at)
    SELECT gen_random_uuid(), 'sw-' || lpad(i::text, 6, '0'),
           (ARRAY['REGISTERED','UNREGISTERED','REGISTERING','UNREGISTERED - REGISTRATION FAILED'])[1 + i % 4],
           (ARRAY['AUTHORIZED','EVAL MODE','OUT OF COMPLIANCE','AUTHORIZATION EXPIRED','EVAL EXPIRED'])[1 + i % 5],
           CASE WHEN i % 4 = 0 THEN $1::timestamptz + (i % 90) * interval '1 day' END,
           CASE WHEN i % 4 = 0 THEN $1::timestamptz + (i % 365) * interval '1 day' END,
           CASE WHEN i % 4 = 1 THEN $1::timestamptz + (i % 90) * interval '1 day' END,
           CASE WHEN i % 50 = 0 THEN 'Fail to send out Call Home HTTP message' END, now()
      FROM generate_series(1, 100000) AS i`, [iso(T0)]);
  await ds.query('ANALYZE fleet_switch');
  const time = async (what: string, fn: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    ms.sort((x, y) => x - y);
    console.log(`${what} at 100k: p50 ${ms[25].toFixed(1)} ms, p99 ${ms[49].toFixed(1)} ms`);
  };
  const s = await fleetCounts(ds, T0, await reads.stateCounts());
  expect(s.total).toBe(100_000);
  await time('state counts (cached by the gateway, 1 s)', () => reads.stateCounts());
  const states = await reads.stateCounts();
  await time('fleet summary windows and failures', () => fleetCounts(ds, T0, states));
  await time('list authorization=AUTHORIZED limit 1000', () => reads.list({ authorization: 'AUTHORIZED', limit: 1000 }));
  const page = await reads.list({ registration: 'REGISTERED', limit: 1000 });
  await time('list registration=REGISTERED page 2', () => reads.list({ registration: 'REGISTERED', limit: 1000, cursor: page.nextCursor! }));
});
