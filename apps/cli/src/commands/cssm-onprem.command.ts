import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { CliError, CliErrorCode } from '../cli-error';
import { CssmSyncClient } from '../http/cssm-sync-client';
import type { ContextFactory } from './context';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** As SSM On-Prem prints times in its tables: `2020-Jun-03 18:46:30` (UTC). */
function when(iso: string | null | undefined): string {
  if (!iso) return '-';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${MONTHS[d.getUTCMonth()]}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new CliError(CliErrorCode.Usage, `cannot read ${path}: ${(err as Error).message}`);
  }
}

/**
 * `fleetlic cssm onprem …`: SSM On-Prem synchronisation (SPEC §10 methods 3 and 4). Each command
 * talks to the server FLEETLIC_CSSM_URL (or `--url`) points to: the On-Prem server for
 * accounts / sync-request / sync-response / sync-now, the cloud server for sync-file.
 */
export function cssmOnpremCommand(ctx: ContextFactory): Command {
  const cmd = new Command('onprem')
    .description('SSM On-Prem accounts and their synchronisation with the cloud license server')
    .option('--url <url>', 'the license server to talk to (default FLEETLIC_CSSM_URL)')
    .option('--ca <file>', 'PEM of that server\'s root CA (default: the one its state directory holds)');
  const client = () => {
    const c = ctx();
    const o = cmd.opts() as { url?: string; ca?: string };
    return { c, sync: new CssmSyncClient({ ...c.config, cssmUrl: (o.url ?? c.config.cssmUrl).replace(/\/$/, ''), caPath: o.ca ?? c.config.caPath }) };
  };
  const query = (account?: string) => (account ? `?account=${encodeURIComponent(account)}` : '');

  cmd
    .command('accounts')
    .description('On-Prem accounts with their last synchronisation, due date and alert')
    .action(async () => {
      const { c, sync } = client();
      const res = JSON.parse((await sync.call('GET', '/onprem-accounts')).text) as { accounts: Record<string, any>[] };
      c.print.either(res, (r) => {
        const cloud = r.accounts.some((a) => 'lastSyncUp' in a);
        if (cloud) {
          return c.print.table(
            ['Name', 'Product Instances', 'Last Sync Up from On-Prem', 'Last Sync Down to On-Prem', 'Synchronization Due', 'Alerts'],
            r.accounts.map((a) => [a.name, String(a.productInstances), when(a.lastSyncUp), when(a.lastSyncDown), when(a.synchronizationDue), a.alert ?? '']),
          );
        }
        return c.print.table(['Name', 'Last Synchronization', 'Synchronization Due', 'Alert'], r.accounts.map((a) => [a.name, when(a.lastSynchronization), when(a.synchronizationDue), a.alert ?? '']));
      });
    });

  cmd
    .command('sync-request')
    .description('download the sync request file of an account (On-Prem server); prints the YAML, or writes it with --out')
    .requiredOption('--account <name>', 'the On-Prem account')
    .option('--out <file>', 'write the file here (e.g. the name the server suggests, printed on stderr)')
    .action(async (o: { account: string; out?: string }) => {
      const { c, sync } = client();
      const file = await sync.call('GET', `/sync/request${query(o.account)}`);
      if (file.fileName) process.stderr.write(`${file.fileName}\n`);
      if (o.out) writeFileSync(o.out, file.text);
      else c.print.raw(file.text);
    });

  cmd
    .command('sync-file')
    .description('upload a sync request file to the cloud server; prints the response file, or writes it with --out')
    .argument('<file>', 'the license-sync-request-….yml file')
    .option('--account <name>', 'the On-Prem account it is uploaded for (refused if the file is of another)')
    .option('--out <file>', 'write the response file here')
    .action(async (path: string, o: { account?: string; out?: string }) => {
      const { c, sync } = client();
      const res = await sync.call('POST', `/sync/file${query(o.account)}`, { text: readFile(path), type: 'application/yaml' });
      if (res.fileName) process.stderr.write(`${res.fileName}\n`);
      if (o.out) writeFileSync(o.out, res.text);
      else c.print.raw(res.text);
    });

  cmd
    .command('sync-response')
    .description('import the cloud\'s sync response file (On-Prem server)')
    .argument('<file>', 'the response file sync-file produced')
    .option('--account <name>', 'the On-Prem account it is imported for')
    .action(async (path: string, o: { account?: string }) => {
      const { c, sync } = client();
      const res = JSON.parse((await sync.call('POST', `/sync/response${query(o.account)}`, { text: readFile(path), type: 'application/yaml' })).text);
      c.print.either(res, summary);
    });

  cmd
    .command('sync-now')
    .description('synchronise an account with the cloud over the network now (On-Prem server)')
    .requiredOption('--account <name>', 'the On-Prem account')
    .action(async (o: { account: string }) => {
      const { c, sync } = client();
      c.print.either(JSON.parse((await sync.call('POST', `/sync/now${query(o.account)}`)).text), summary);
    });

  return cmd;
}

function summary(r: { account: string; sequence: number; changed: { tag: string; before: number; after: number }[]; synchronizationDue: string }): string {
  const changes = r.changed.length ? r.changed.map((ch) => `  ${ch.tag}: ${ch.before} -> ${ch.after}`).join('\n') : '  no pool changed';
  return `${r.account}: synchronized (sequence ${r.sequence}), next synchronization due ${when(r.synchronizationDue)}\n${changes}`;
}
