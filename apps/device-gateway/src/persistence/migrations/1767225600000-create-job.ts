import { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway's jobs (imports, fleet registrations, clock advances), API.md §1 `GET /jobs/{id}`. */
export class CreateJob1767225600000 implements MigrationInterface {
  name = 'CreateJob1767225600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE job (
      id uuid NOT NULL,
      kind text NOT NULL,
      state text NOT NULL,
      total bigint NOT NULL,
      done bigint NOT NULL,
      failed integer NOT NULL,
      errors jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CONSTRAINT job_pkey PRIMARY KEY (id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE job');
  }
}
