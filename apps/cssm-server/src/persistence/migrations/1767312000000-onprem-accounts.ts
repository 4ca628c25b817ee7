import { MigrationInterface, QueryRunner } from 'typeorm';

/** On-Prem accounts (both modes) and the On-Prem source of product instances mirrored in the cloud. */
export class OnpremAccounts1767312000000 implements MigrationInterface {
  name = 'OnpremAccounts1767312000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE onprem_accounts (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      va_id uuid NOT NULL CONSTRAINT onprem_accounts_va_fk REFERENCES virtual_accounts (id) ON DELETE CASCADE,
      sync_key text NOT NULL,
      onprem_instance text,
      last_sequence integer NOT NULL DEFAULT 0,
      last_response_sequence integer NOT NULL DEFAULT 0,
      last_sync_up_at timestamptz,
      last_sync_down_at timestamptz,
      created_at timestamptz NOT NULL)`);
    await q.query('CREATE UNIQUE INDEX onprem_accounts_name_uq ON onprem_accounts (name)');
    await q.query('CREATE INDEX onprem_accounts_va_idx ON onprem_accounts (va_id)');
    await q.query(`ALTER TABLE product_instances ADD COLUMN onprem_account_id uuid
      CONSTRAINT product_instances_onprem_account_fk REFERENCES onprem_accounts (id) ON DELETE CASCADE`);
    await q.query('CREATE INDEX product_instances_onprem_account_idx ON product_instances (onprem_account_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE product_instances DROP COLUMN onprem_account_id');
    await q.query('DROP TABLE onprem_accounts');
  }
}
