import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { DATA_SOURCE } from '../nats/tokens';
import { JobEntity, JobErrorEntry, JobState } from '../persistence/job.entity';

export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  total: number;
  done: number;
  failed: number;
  errors: JobErrorEntry[];
}

/** Progress is written through at most this often; the final state always is. */
const PERSIST_INTERVAL_MS = 1_000;

/**
 * Jobs live in memory while this replica runs them (progress changes many times a second) and
 * are written through to the `job` table, so any replica can answer `GET /jobs/{id}`.
 */
@Injectable()
export class JobStore {
  private readonly log = new Logger('JobStore');
  private readonly jobs = new Map<string, JobView>();
  private readonly lastWrite = new Map<string, number>();
  private readonly repo?: Repository<JobEntity>;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource | null) {
    this.repo = dataSource?.getRepository(JobEntity);
  }

  create(kind: string, total = 0): JobView {
    const job: JobView = { id: randomUUID(), kind, state: 'queued', total, done: 0, failed: 0, errors: [] };
    this.jobs.set(job.id, job);
    this.persist(job, true);
    return job;
  }

  update(id: string, patch: Partial<Omit<JobView, 'id' | 'kind'>>): void {
    const job = this.jobs.get(id);
    if (!job) return;
    Object.assign(job, patch);
    this.persist(job, job.state === 'done' || job.state === 'failed');
  }

  addError(id: string, error: JobErrorEntry): void {
    const job = this.jobs.get(id);
    if (!job) return;
    job.failed += 1;
    if (job.errors.length < 1000) job.errors.push(error);
    this.persist(job, false);
  }

  async get(id: string): Promise<JobView | undefined> {
    const local = this.jobs.get(id);
    if (local) return { ...local, errors: [...local.errors] };
    if (!this.repo || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const row = await this.repo.findOneBy({ id });
    return row ? { id: row.id, kind: row.kind, state: row.state, total: row.total, done: row.done, failed: row.failed, errors: row.errors } : undefined;
  }

  private persist(job: JobView, force: boolean): void {
    if (!this.repo) return;
    const now = Date.now();
    if (!force && now - (this.lastWrite.get(job.id) ?? 0) < PERSIST_INTERVAL_MS) return;
    this.lastWrite.set(job.id, now);
    const row = { ...job, errors: [...job.errors], createdAt: new Date(), updatedAt: new Date(now) };
    // The write-through is best effort: a failed write never fails the job this replica runs.
    this.repo
      .createQueryBuilder()
      .insert()
      .values(row)
      .orUpdate(['state', 'total', 'done', 'failed', 'errors', 'updated_at'], ['id'])
      .execute()
      .catch((err: Error) => this.log.warn(`job ${job.id} not persisted: ${err.message}`));
  }
}
