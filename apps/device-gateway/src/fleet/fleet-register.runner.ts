import { Injectable, Logger } from '@nestjs/common';
import { redactText } from '@fleetlic/telemetry';
import { CommandBatchSender } from '../import/command-batch.sender';
import { JobStore } from '../jobs/job-store';
import { AgentClient } from '../nats/agent-client';
import { FleetReadRepository, type FleetSwitchItem } from './fleet-read.repository';
import type { FleetRegisterInput } from './fleet-inputs';

/**
 * Registrations go out in small batches from a few workers (a sliding window, so one slow
 * exchange does not hold the rest): at most BATCH * WORKERS Call Home exchanges in flight; many
 * more make exchanges time out on a busy license server.
 */
const BATCH = 16;
const WORKERS = 3;
const PAGE = 1000;

/**
 * `POST /fleet/register` as a job: the matching switches come from the projection, their
 * `register` commands go out in pipelined batches, and each switch's resulting status is read
 * from the agent (the source of truth, no projection lag). A failure never stops the rest. The ID
 * token lives only in this closure and the commands: never in the job row, a log or an error.
 */
@Injectable()
export class FleetRegisterRunner {
  private readonly log = new Logger('FleetRegisterRunner');

  constructor(
    private readonly jobs: JobStore,
    private readonly reads: FleetReadRepository,
    private readonly sender: CommandBatchSender,
    private readonly agent: AgentClient,
  ) {}

  start(input: FleetRegisterInput): string {
    const job = this.jobs.create('fleet-register', 0);
    const scrub = (text: string) => redactText(text.split(input.idToken).join('***'));
    void this.run(job.id, input, scrub).catch((err: Error) => {
      this.log.error(`fleet register ${job.id} failed: ${scrub(err.message)}`);
      this.jobs.addError(job.id, { reason: scrub(`the job stopped: ${err.message}`) });
      this.jobs.update(job.id, { state: 'failed' });
    });
    return job.id;
  }

  private async run(jobId: string, input: FleetRegisterInput, scrub: (t: string) => string): Promise<void> {
    const targets = await this.targets(input);
    this.jobs.update(jobId, { state: 'running', total: targets.length });
    let done = 0;
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const batch = targets.slice(next, (next += BATCH));
        const results = await this.sender.send(batch.map((s) => ({ type: 'register', switchId: s.switchId, idToken: input.idToken, force: false })));
        await Promise.all(
          batch.map(async (sw, j) => {
            const result = results[j];
            let reason: string | undefined;
            if (!result) reason = 'the licensing agent did not confirm the registration in time';
            else if (result.outcome !== 'applied') reason = result.message ?? `${result.outcome}${result.code ? ` (${result.code})` : ''}`;
            else reason = await this.registrationFailure(sw.name);
            if (reason === undefined) this.jobs.update(jobId, { done: ++done });
            else this.jobs.addError(jobId, { name: sw.name, reason: scrub(reason) });
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    this.jobs.update(jobId, { state: 'done', done });
  }

  /** Undefined when the switch ended REGISTERED; else why not (SPEC §11 reason when known). */
  private async registrationFailure(name: string): Promise<string | undefined> {
    try {
      const status = await this.agent.query<{ registration?: { status?: string; initial?: { reason?: string } } }>({ type: 'show', name, what: 'status', format: 'json' });
      const reg = status?.registration;
      if (reg?.status === 'REGISTERED') return undefined;
      return `${reg?.status ?? 'unknown status'}${reg?.initial?.reason ? `: ${reg.initial.reason}` : ''}`;
    } catch (err) {
      return `status unknown after the command: ${(err as Error).message}`;
    }
  }

  /** Every switch matching the filter, paged through the projection by keyset. */
  private async targets(input: FleetRegisterInput): Promise<FleetSwitchItem[]> {
    const all: FleetSwitchItem[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.reads.list({ ...input.filter, limit: PAGE, cursor });
      all.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return all;
  }
}
