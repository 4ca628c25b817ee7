import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fleet projection (issue 7). Indexes serve the list filters (keyset on name within a
 * status) and the summary's range counts; the partial ones stay small because most switches
 * have no deadline, expiry or failure of that kind.
 */
export class CreateFleetSwitch1767312000000 implements MigrationInterface {
  name = 'CreateFleetSwitch1767312000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE fleet_switch (
      switch_id uuid NOT NULL,
      name text NOT NULL,
      registration text NOT NULL,
      "authorization" text NOT NULL,
      deadline_at timestamptz,
      cert_expires_at timestamptz,
      eval_ends_at timestamptz,
      last_failure_reason text,
      last_event_id bigint,
      last_event_at timestamptz,
      updated_at timestamptz NOT NULL,
      CONSTRAINT fleet_switch_pkey PRIMARY KEY (switch_id)
    )`);
    await q.query('CREATE INDEX ix_fleet_switch_name ON fleet_switch (name, switch_id)');
    await q.query('CREATE INDEX ix_fleet_switch_registration ON fleet_switch (registration, name, switch_id)');
    await q.query('CREATE INDEX ix_fleet_switch_authorization ON fleet_switch ("authorization", name, switch_id)');
    // Lets the state counts (the gauge, the summary) read the index alone instead of the heap.
    await q.query('CREATE INDEX ix_fleet_switch_state ON fleet_switch (registration, "authorization")');
    await q.query('CREATE INDEX ix_fleet_switch_deadline ON fleet_switch (deadline_at) WHERE deadline_at IS NOT NULL');
    await q.query('CREATE INDEX ix_fleet_switch_cert_expiry ON fleet_switch (cert_expires_at) WHERE cert_expires_at IS NOT NULL');
    await q.query('CREATE INDEX ix_fleet_switch_eval_end ON fleet_switch (eval_ends_at) WHERE eval_ends_at IS NOT NULL');
    await q.query('CREATE INDEX ix_fleet_switch_failure ON fleet_switch (last_failure_reason) WHERE last_failure_reason IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE fleet_switch');
  }
}
