import { Command } from 'commander';
import { parseIsoDuration } from '@fleetlic/clock';
import { CliError, CliErrorCode } from '../cli-error';
import { followJob } from '../output/job-progress';
import type { ContextFactory } from './context';

/** Milliseconds as the ISO 8601 duration the API takes (days, then time). */
export function isoOf(ms: number): string {
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${sec ? `${sec}S` : ''}`;
  const iso = `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
  return iso === 'P' ? 'PT0S' : iso;
}

/** `fleetlic clock [advance <duration>]`: the system's time; advancing needs the simulated clock. */
export function clockCommand(ctx: ContextFactory): Command {
  const cmd = new Command('clock').description('show the clock, or advance the simulated one').action(async () => {
    const c = ctx();
    c.print.either(await c.gateway.call<{ mode: string; now: string }>('GET', '/clock'), (s) => `${s.now} (${s.mode})`);
  });
  cmd
    .command('advance <duration>')
    .description('advance the simulated clock, e.g. 90d, 6h, P1Y (a month is 30 days, a year 365)')
    .action(async (duration: string) => {
      let ms: number;
      try {
        ms = parseIsoDuration(duration);
      } catch (err) {
        throw new CliError(CliErrorCode.Usage, (err as Error).message);
      }
      const c = ctx();
      const { jobId } = await c.gateway.call<{ jobId: string }>('POST', '/clock/advance?wait=false', { body: { by: isoOf(ms) } });
      const job = await followJob(c.gateway, jobId, 's');
      if (job.state === 'failed') throw new CliError(CliErrorCode.Refused, job.errors[0]?.reason ?? 'the advance failed');
      c.print.either(await c.gateway.call<{ mode: string; now: string }>('GET', '/clock'), (s) => `${s.now} (${s.mode})`);
    });
  return cmd;
}
