import { OUTBOX_TABLE_SQL } from '@fleetlic/persistence';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The license server's tables (unqualified: the connection's search_path is the instance schema). */
export class InitialSchema1767225600000 implements MigrationInterface {
  name = 'InitialSchema1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(OUTBOX_TABLE_SQL);
    await q.query(`CREATE TABLE ca_roots (
      role text PRIMARY KEY,
      private_key_pem text NOT NULL,
      certificate_pem text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE oauth_clients (
      client_id text PRIMARY KEY,
      secret_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE oauth_access_tokens (
      token_hash text PRIMARY KEY,
      client_id text NOT NULL CONSTRAINT oauth_access_tokens_client_fk REFERENCES oauth_clients (client_id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL)`);
    await q.query('CREATE INDEX oauth_access_tokens_expires_at_idx ON oauth_access_tokens (expires_at)');
    await q.query(`CREATE TABLE accounts (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      domain text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE UNIQUE INDEX accounts_domain_uq ON accounts (domain)');
    await q.query(`CREATE TABLE virtual_accounts (
      id uuid PRIMARY KEY,
      account_id uuid NOT NULL CONSTRAINT virtual_accounts_account_fk REFERENCES accounts (id) ON DELETE CASCADE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE UNIQUE INDEX virtual_accounts_account_name_uq ON virtual_accounts (account_id, name)');
    await q.query(`CREATE TABLE license_pools (
      va_id uuid NOT NULL CONSTRAINT license_pools_va_fk REFERENCES virtual_accounts (id) ON DELETE CASCADE,
      tag text NOT NULL,
      purchased integer NOT NULL,
      PRIMARY KEY (va_id, tag))`);
    await q.query(`CREATE TABLE id_tokens (
      token text PRIMARY KEY,
      va_id uuid NOT NULL CONSTRAINT id_tokens_va_fk REFERENCES virtual_accounts (id) ON DELETE CASCADE,
      description text NOT NULL DEFAULT '',
      expires_after_days integer NOT NULL,
      expires_at timestamptz NOT NULL,
      max_uses integer,
      uses integer NOT NULL DEFAULT 0,
      export_controlled boolean NOT NULL,
      revoked_at timestamptz,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL)`);
    await q.query('CREATE INDEX id_tokens_va_idx ON id_tokens (va_id)');
    await q.query(`CREATE TABLE product_instances (
      id uuid PRIMARY KEY,
      udi_pid text NOT NULL,
      udi_sn text NOT NULL,
      va_id uuid NOT NULL CONSTRAINT product_instances_va_fk REFERENCES virtual_accounts (id) ON DELETE CASCADE,
      nxos_version text,
      export_controlled boolean NOT NULL,
      cert_serial text NOT NULL,
      cert_pem text NOT NULL,
      cert_not_after timestamptz NOT NULL,
      public_key_pem text NOT NULL,
      registered_at timestamptz NOT NULL,
      last_contact_at timestamptz NOT NULL,
      usage_released boolean NOT NULL DEFAULT false,
      removed_at timestamptz)`);
    await q.query('CREATE UNIQUE INDEX product_instances_udi_uq ON product_instances (udi_pid, udi_sn)');
    await q.query('CREATE INDEX product_instances_va_idx ON product_instances (va_id)');
    await q.query(`CREATE TABLE instance_usage (
      instance_id uuid NOT NULL CONSTRAINT instance_usage_instance_fk REFERENCES product_instances (id) ON DELETE CASCADE,
      tag text NOT NULL,
      count integer NOT NULL,
      PRIMARY KEY (instance_id, tag))`);
    await q.query(`CREATE TABLE device_messages (
      udi text NOT NULL,
      message_id text NOT NULL,
      type text NOT NULL,
      answer jsonb NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (udi, message_id))`);
    await q.query('CREATE INDEX device_messages_received_at_idx ON device_messages (received_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['device_messages', 'instance_usage', 'product_instances', 'id_tokens', 'license_pools', 'virtual_accounts', 'accounts', 'oauth_access_tokens', 'oauth_clients', 'ca_roots', 'outbox']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
