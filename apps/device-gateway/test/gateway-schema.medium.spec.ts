import { ensureDatabase, pendingSchemaChanges, runMigrations } from '@fleetlic/persistence';
import { resolveInfra, uniqueNamespace } from '@fleetlic/testing';
import type { DataSource } from 'typeorm';
import { dataSourceFor } from '../src/persistence/gateway.data-source';
import { JobEntity } from '../src/persistence/job.entity';

// The gateway's committed migrations and its entities agree, and a job round-trips.
let ds: DataSource;
const namespace = uniqueNamespace('gw');

beforeAll(async () => {
  const { databaseUrl } = await resolveInfra();
  await ensureDatabase(databaseUrl);
  ds = dataSourceFor({ DATABASE_URL: databaseUrl, FLEETLIC_NAMESPACE: namespace });
  await ds.initialize();
  await runMigrations(ds);
});
afterAll(async () => {
  await ds?.query(`DROP SCHEMA IF EXISTS "${namespace}_gateway" CASCADE`);
  await ds?.destroy();
});

it('has no entity change without a migration', async () => {
  expect(await pendingSchemaChanges(ds)).toEqual([]);
});

it('stores and reads back a job', async () => {
  const repo = ds.getRepository(JobEntity);
  const id = '00000000-0000-4000-8000-000000000001';
  const now = new Date();
  await repo.insert({ id, kind: 'import', state: 'done', total: 3, done: 2, failed: 1, errors: [{ line: 3, reason: 'bad pid' }], createdAt: now, updatedAt: now });
  expect(await repo.findOneByOrFail({ id })).toMatchObject({ kind: 'import', state: 'done', total: 3, done: 2, failed: 1, errors: [{ line: 3, reason: 'bad pid' }] });
});
