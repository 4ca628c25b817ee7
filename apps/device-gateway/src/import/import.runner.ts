import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Clock } from '@fleetlic/clock';
import { FleetProjectionRepository } from '../fleet/fleet-projection.repository';
import { FleetStateCache } from '../fleet/fleet-state.cache';
import type { ImportRow } from '../imports/import-parser';
import { JobStore } from '../jobs/job-store';
import type { JobErrorEntry } from '../persistence/job.entity';
import { CLOCK } from '../nats/tokens';
import { createSwitchSchema, type CreateSwitchInput } from '../switches/switch-inputs';
import { CommandBatchSender } from './command-batch.sender';

/** Creates per batch: large enough to amortise the round trips, small enough for steady progress. */
const BATCH = 500;

interface GoodRow {
  line: number;
  input: CreateSwitchInput;
  switchId: string;
}

/**
 * An import job: every row is validated first (all bad rows are reported with their line, none
 * is sent), then the good ones are created by the agent in pipelined batches. Created switches
 * go into the fleet projection at once, so lists and the summary know them before any event.
 */
@Injectable()
export class ImportRunner {
  private readonly log = new Logger('ImportRunner');

  constructor(
    private readonly jobs: JobStore,
    private readonly sender: CommandBatchSender,
    private readonly projection: FleetProjectionRepository,
    private readonly states: FleetStateCache,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  start(rows: ImportRow[]): string {
    const job = this.jobs.create('import', rows.length);
    void this.run(job.id, rows).catch((err: Error) => {
      this.log.error(`import ${job.id} failed: ${err.message}`);
      this.jobs.addError(job.id, { reason: `the import stopped: ${err.message}` });
      this.jobs.update(job.id, { state: 'failed' });
    });
    return job.id;
  }

  private async run(jobId: string, rows: ImportRow[]): Promise<void> {
    this.jobs.update(jobId, { state: 'running' });
    const { good, bad } = validate(rows);
    for (const e of bad) this.jobs.addError(jobId, e);
    let done = 0;
    for (let i = 0; i < good.length; i += BATCH) {
      const batch = good.slice(i, i + BATCH);
      const results = await this.sender.send(
        batch.map((r) => ({ type: 'create', switchId: r.switchId, ...r.input })),
        (_, result) => result.outcome === 'applied' && this.jobs.update(jobId, { done: ++done }),
      );
      const created = batch.filter((_, j) => results[j]?.outcome === 'applied');
      await this.projection.created(created.map((r) => ({ switchId: r.switchId, name: r.input.name })), new Date(this.clock.now()));
      batch.forEach((r, j) => {
        const result = results[j];
        if (result?.outcome === 'applied') return;
        const reason = !result ? 'the licensing agent did not confirm the creation in time; it may still be applied' : (result.message ?? `${result.outcome}${result.code ? ` (${result.code})` : ''}`);
        this.jobs.addError(jobId, { line: r.line, name: r.input.name, reason });
      });
    }
    this.states.invalidate();
    this.jobs.update(jobId, { state: 'done', done });
  }
}

/** Every row checked before anything is sent; names and UDIs repeated inside the file are errors too. */
export function validate(rows: ImportRow[]): { good: GoodRow[]; bad: JobErrorEntry[] } {
  const good: GoodRow[] = [];
  const bad: JobErrorEntry[] = [];
  const names = new Map<string, number>();
  const udis = new Map<string, number>();
  for (const row of rows) {
    const raw = row.value as { name?: unknown } | null;
    const name = typeof raw?.name === 'string' && raw.name ? raw.name : undefined;
    const parsed = createSwitchSchema.safeParse(row.value ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      bad.push({ line: row.line, ...(name ? { name } : {}), reason: `${issue.path.join('.') || 'row'}: ${issue.message}` });
      continue;
    }
    const udi = `PID:${parsed.data.pid},SN:${parsed.data.serialNumber}`;
    const dupName = names.get(parsed.data.name);
    const dupUdi = udis.get(udi);
    if (dupName !== undefined || dupUdi !== undefined) {
      const reason = dupName !== undefined ? `name ${parsed.data.name} is also on line ${dupName}` : `UDI ${udi} is also on line ${dupUdi}`;
      bad.push({ line: row.line, name: parsed.data.name, reason });
      continue;
    }
    names.set(parsed.data.name, row.line);
    udis.set(udi, row.line);
    good.push({ line: row.line, input: parsed.data, switchId: randomUUID() });
  }
  return { good, bad };
}
