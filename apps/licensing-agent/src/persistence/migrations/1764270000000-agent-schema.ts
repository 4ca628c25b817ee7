import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OUTBOX_TABLE_SQL } from '@fleetlic/persistence';

/** The agent's tables. Unqualified names: the connection's search_path is `<ns>_agent`. */
export class AgentSchema1764270000000 implements MigrationInterface {
  name = 'AgentSchema1764270000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE switch (
      id uuid NOT NULL,
      name text NOT NULL,
      pid text NOT NULL,
      serial_number text NOT NULL,
      udi text NOT NULL,
      nxos_version text NOT NULL,
      callhome jsonb NOT NULL,
      network jsonb NOT NULL,
      state jsonb NOT NULL,
      private_key text NOT NULL,
      registration_status text NOT NULL,
      authorization_status text NOT NULL,
      next_wake_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT switch_pkey PRIMARY KEY (id),
      CONSTRAINT uq_switch_name UNIQUE (name),
      CONSTRAINT uq_switch_udi UNIQUE (udi)
    )`);
    // Fleet filters page by name within one status.
    await q.query('CREATE INDEX ix_switch_registration ON switch (registration_status, name)');
    await q.query('CREATE INDEX ix_switch_authorization ON switch (authorization_status, name)');
    await q.query(`CREATE TABLE switch_event (
      id bigserial NOT NULL,
      switch_id uuid NOT NULL,
      name text NOT NULL,
      at timestamptz NOT NULL,
      severity text NOT NULL,
      message text NOT NULL,
      data jsonb NOT NULL,
      CONSTRAINT switch_event_pkey PRIMARY KEY (id),
      CONSTRAINT fk_switch_event_switch FOREIGN KEY (switch_id) REFERENCES switch (id) ON DELETE CASCADE
    )`);
    await q.query('CREATE INDEX ix_switch_event_switch_at ON switch_event (switch_id, at DESC)');
    await q.query(`CREATE TABLE processed_command (
      command_id text NOT NULL,
      outcome jsonb NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT processed_command_pkey PRIMARY KEY (command_id)
    )`);
    await q.query(OUTBOX_TABLE_SQL);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox');
    await q.query('DROP TABLE processed_command');
    await q.query('DROP TABLE switch_event');
    await q.query('DROP TABLE switch');
  }
}
