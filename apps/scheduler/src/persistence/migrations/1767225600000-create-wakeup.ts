import { MigrationInterface, QueryRunner } from 'typeorm';

/** The scheduler's durable wake-ups; `at` is indexed because every fire round asks "what is due". */
export class CreateWakeup1767225600000 implements MigrationInterface {
  name = 'CreateWakeup1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE wakeup (
      owner text NOT NULL,
      key text NOT NULL,
      at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      CONSTRAINT wakeup_pkey PRIMARY KEY (owner, key)
    )`);
    await q.query('CREATE INDEX wakeup_at_idx ON wakeup (at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE wakeup');
  }
}
