import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, CliErrorCode } from '../cli-error';
import { followJob } from '../output/job-progress';
import type { ContextFactory } from './context';

interface SwitchItem {
  name: string;
  pid?: string;
  serialNumber?: string;
  nxosVersion?: string;
  registration?: { status?: string } | string;
  authorization?: { status?: string } | string;
  status?: { registration?: { status?: string }; authorization?: { status?: string } };
}

const statusOf = (v: { status?: string } | string | undefined) => (typeof v === 'string' ? v : (v?.status ?? ''));

/** `fleetlic switch add|list|import`: the inventory. */
export function switchCommand(ctx: ContextFactory): Command {
  const cmd = new Command('switch').description('add, list and import switches');

  cmd
    .command('add <name>')
    .description('add a switch')
    .requiredOption('--pid <pid>', 'product id, e.g. N9K-C93180YC-FX')
    .requiredOption('--serial <sn>', 'serial number')
    .requiredOption('--version <nxos>', 'NX-OS release, e.g. 9.3(5)')
    .action(async (name: string, o: { pid: string; serial: string; version: string }) => {
      const c = ctx();
      const created = await c.gateway.call('POST', '/switches', { body: { name, pid: o.pid, serialNumber: o.serial, nxosVersion: o.version } });
      c.print.either(created, () => `switch ${name} added (${o.pid} ${o.serial}, NX-OS ${o.version})`);
    });

  cmd
    .command('list')
    .description('list switches with their registration and authorization status')
    .option('--registration <status>', 'only this registration status')
    .option('--authorization <status>', 'only this authorization status')
    .action(async (o: { registration?: string; authorization?: string }) => {
      const c = ctx();
      const items: SwitchItem[] = [];
      let cursor: string | undefined;
      do {
        const q = new URLSearchParams({ limit: '1000', ...(o.registration ? { registration: o.registration } : {}), ...(o.authorization ? { authorization: o.authorization } : {}), ...(cursor ? { cursor } : {}) });
        const page = await c.gateway.call<{ items: SwitchItem[]; nextCursor?: string | null }>('GET', `/switches?${q}`);
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      c.print.either(items, (all) =>
        c.print.table(
          ['NAME', 'PID', 'SERIAL', 'NX-OS', 'REGISTRATION', 'AUTHORIZATION'],
          all.map((s) => [s.name, s.pid ?? '', s.serialNumber ?? '', s.nxosVersion ?? '', statusOf(s.registration ?? s.status?.registration), statusOf(s.authorization ?? s.status?.authorization)]),
        ),
      );
    });

  cmd
    .command('import <file>')
    .description('import switches from CSV (name,pid,serialNumber,nxosVersion) or a JSON array')
    .action(async (file: string) => {
      const c = ctx();
      let data: string;
      try {
        data = readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(CliErrorCode.Usage, `cannot read ${file}: ${(err as Error).message}`);
      }
      const type = /\.json$/i.test(file) ? 'application/json' : 'text/csv';
      const { jobId } = await c.gateway.call<{ jobId: string }>('POST', '/switches:import', { text: { data, type } });
      const job = await followJob(c.gateway, jobId, 'switches');
      c.print.either(job, (j) => [`imported ${j.done} of ${j.total} switches, ${j.failed} failed`, ...j.errors.map((e) => `  line ${e.line ?? '?'}${e.name ? ` (${e.name})` : ''}: ${e.reason}`)].join('\n'));
      if (job.failed > 0 || job.state === 'failed') process.exitCode = 1;
    });

  return cmd;
}
