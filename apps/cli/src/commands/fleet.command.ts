import { Command } from 'commander';
import { followJob } from '../output/job-progress';
import type { ContextFactory } from './context';
import { renderFleetSummary, type FleetSummary } from './fleet-summary.renderer';

/** `fleetlic fleet summary|register`: fleet-wide views and bulk registration. */
export function fleetCommand(ctx: ContextFactory): Command {
  const cmd = new Command('fleet').description('the whole fleet');

  cmd
    .command('summary')
    .description('counts by registration and authorization status, and the next deadlines')
    .action(async () => {
      const c = ctx();
      c.print.either(await c.gateway.call<FleetSummary>('GET', '/fleet/summary'), renderFleetSummary);
    });

  cmd
    .command('register')
    .description('register many switches with one ID token')
    .requiredOption('--idtoken <token>', 'the ID token')
    .option('--authorization <status>', 'only switches in this authorization status')
    .action(async (o: { idtoken: string; authorization?: string }) => {
      const c = ctx();
      const body = { idToken: o.idtoken, ...(o.authorization ? { filter: { authorization: o.authorization } } : {}) };
      const { jobId } = await c.gateway.call<{ jobId: string }>('POST', '/fleet/register', { body });
      const job = await followJob(c.gateway, jobId, 'switches');
      c.print.either(job, (j) => [`registered ${j.done} of ${j.total} switches, ${j.failed} failed`, ...j.errors.map((e) => `  ${e.name ?? '?'}: ${e.reason}`)].join('\n'));
      if (job.failed > 0 || job.state === 'failed') process.exitCode = 1;
    });

  return cmd;
}
