import { Column, Entity, PrimaryColumn } from 'typeorm';

export type JobState = 'queued' | 'running' | 'done' | 'failed';
export interface JobErrorEntry {
  line?: number;
  name?: string;
  reason: string;
}

/**
 * A long-running request (import, clock advance) as `GET /jobs/{id}` shows it. Kept in memory
 * while it runs and written through to the gateway schema, so another replica can answer for it.
 */
@Entity({ name: 'job' })
export class JobEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'job_pkey' })
  id!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  state!: JobState;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  total!: number;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  done!: number;

  @Column({ type: 'integer' })
  failed!: number;

  @Column({ type: 'jsonb' })
  errors!: JobErrorEntry[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
