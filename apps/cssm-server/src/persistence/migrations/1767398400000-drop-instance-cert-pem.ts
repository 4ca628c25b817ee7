import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An instance's issued certificate was stored and never read: verification needs its public
 * key, revocation and expiry its serial and notAfter, all kept. Dropping it takes ~770 bytes
 * off every instance (BENCHMARKS.md, footprint).
 */
export class DropInstanceCertPem1767398400000 implements MigrationInterface {
  name = 'DropInstanceCertPem1767398400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE product_instances DROP COLUMN cert_pem');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE product_instances ADD COLUMN cert_pem text NOT NULL DEFAULT ''`);
    await q.query('ALTER TABLE product_instances ALTER COLUMN cert_pem DROP DEFAULT');
  }
}
