import { MigrationInterface, QueryRunner } from 'typeorm';

/** Deleted switches, so that a message about one arriving late does not bring it back (fleet-switch-tombstone.entity.ts). */
export class CreateFleetSwitchTombstone1767571200000 implements MigrationInterface {
  name = 'CreateFleetSwitchTombstone1767571200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE fleet_switch_tombstone (
      switch_id uuid NOT NULL,
      deleted_at timestamptz NOT NULL,
      CONSTRAINT fleet_switch_tombstone_pkey PRIMARY KEY (switch_id)
    )`);
    await q.query('CREATE INDEX ix_fleet_switch_tombstone_deleted_at ON fleet_switch_tombstone (deleted_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fleet_switch_tombstone');
  }
}
