import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fleet is listed and filtered from the gateway's projection (its own indexes); the agent's
 * status indexes served no caller, took ~120 bytes per switch and made every status change a
 * non-HOT update of the row each step rewrites.
 */
export class DropStatusIndexes1764356400000 implements MigrationInterface {
  name = 'DropStatusIndexes1764356400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX ix_switch_registration');
    await q.query('DROP INDEX ix_switch_authorization');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX ix_switch_registration ON switch (registration_status, name)');
    await q.query('CREATE INDEX ix_switch_authorization ON switch (authorization_status, name)');
  }
}
