import { randomBytes } from 'node:crypto';
import { Column, Entity, MigrationInterface, PrimaryColumn, QueryRunner } from 'typeorm';
import { createServiceDataSource } from './service-data-source';
import { ensureDatabase } from './ensure-database';
import { pendingSchemaChanges, hasPendingMigrations, runMigrations } from './migrations';
import { OUTBOX_TABLE_SQL, OutboxMessage } from './outbox-message.entity';
import { schemaName } from './schema-name';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fleetlic';

@Entity({ name: 'widget' })
class Widget {
  @PrimaryColumn({ type: 'text' }) name!: string;
  @Column({ type: 'int' }) size!: number;
}

class CreateTables1700000000000 implements MigrationInterface {
  async up(q: QueryRunner) {
    await q.query(OUTBOX_TABLE_SQL);
    await q.query('CREATE TABLE widget (name text PRIMARY KEY, size int NOT NULL)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE widget');
    await q.query('DROP TABLE outbox');
  }
}

describe('service data source', () => {
  const schema = schemaName(`t${randomBytes(4).toString('hex')}`, 'persist');
  const ds = createServiceDataSource({ databaseUrl, schema, entities: [OutboxMessage, Widget], migrations: [CreateTables1700000000000] });

  beforeAll(async () => {
    await ensureDatabase(databaseUrl);
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await ds.destroy();
  });

  it('creates its schema, applies migrations once and writes unqualified tables into it', async () => {
    expect(await runMigrations(ds)).toEqual(['CreateTables1700000000000']);
    expect(await runMigrations(ds)).toEqual([]);
    expect(await hasPendingMigrations(ds)).toBe(false);
    await ds.getRepository(Widget).save({ name: 'a', size: 1 });
    const rows = await ds.query(`SELECT size FROM "${schema}".widget WHERE name = 'a'`);
    expect(rows).toEqual([{ size: 1 }]);
  });

  it('reports no drift when entities and migrations agree (the shared outbox table included)', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });

  it('reports drift when an entity has a column no migration created', async () => {
    await ds.query('ALTER TABLE widget DROP COLUMN size');
    const drift = await pendingSchemaChanges(ds);
    expect(drift.join('\n')).toMatch(/ADD "size" integer/);
  });

  it('refuses a schema name that is not a safe identifier', () => {
    expect(() => schemaName('Bad-Name', 'agent')).toThrow(/invalid schema name/);
  });
});
