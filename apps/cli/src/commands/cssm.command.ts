import { Command } from 'commander';
import { CliError, CliErrorCode } from '../cli-error';
import type { ContextFactory } from './context';
import { cssmOnpremCommand } from './cssm-onprem.command';

const DEMO_DOMAIN = 'demo.example.com';

interface LicenseRow {
  license: string;
  quantity: number;
  inUse: number;
  available: number;
  status: string;
}

function positiveInt(value: string, what: string): number {
  if (!/^-?\d+$/.test(value)) throw new CliError(CliErrorCode.Usage, `${what} must be a whole number, got "${value}"`);
  return Number(value);
}

/** `fleetlic cssm …`: the license server's account and admin API, as a CSSM user would use it. */
export function cssmCommand(ctx: ContextFactory): Command {
  const cmd = new Command('cssm').description('the license server: tokens and license pools').option('--domain <domain>', 'Smart Account domain', DEMO_DOMAIN);
  const domain = () => encodeURIComponent(cmd.opts().domain as string);
  const va = (name: string) => encodeURIComponent(name);

  cmd
    .command('token')
    .description('ID tokens')
    .command('create')
    .description('create an ID token in a virtual account')
    .requiredOption('--va <va>', 'virtual account')
    .option('--days <n>', 'expires after this many days', '30')
    .option('--uses <n>', 'how many registrations it allows')
    .option('--export-controlled', 'allow export-controlled functionality')
    .option('--description <text>', 'description', 'created by fleetlic')
    .action(async (o: { va: string; days: string; uses?: string; exportControlled?: boolean; description: string }) => {
      const body = {
        description: o.description,
        expiresAfterDays: positiveInt(o.days, '--days'),
        exportControlled: o.exportControlled ? 'Allowed' : 'Not Allowed',
        ...(o.uses ? { maxUses: positiveInt(o.uses, '--uses') } : {}),
      };
      const c = ctx();
      const res = await c.cssm.account<{ tokenInfo: { token: string } }>('POST', `/v2/accounts/${domain()}/virtual-accounts/${va(o.va)}/tokens`, body);
      c.print.either(res, (r) => r.tokenInfo.token);
    });

  cmd
    .command('license')
    .description('license pools')
    .command('add')
    .description('add licenses of a tag to a virtual account (a negative count removes)')
    .requiredOption('--va <va>', 'virtual account')
    .argument('<TAG>')
    .argument('<count>')
    .allowExcessArguments(false)
    .action(async (tag: string, count: string, o: { va: string }) => {
      const c = ctx();
      const pool = await c.cssm.admin('POST', `/accounts/${domain()}/virtual-accounts/${va(o.va)}/licenses`, { tag, quantity: positiveInt(count, 'count') });
      c.print.either(pool, (p: any) => `${tag}: ${p?.purchased ?? p?.quantity ?? '?'} purchased, ${p?.inUse ?? '?'} in use, balance ${p?.balance ?? p?.available ?? '?'}`);
    });

  cmd
    .command('licenses')
    .description('licenses of the account (or one virtual account) with their compliance')
    .option('--va <va>', 'only this virtual account')
    .action(async (o: { va?: string }) => {
      const c = ctx();
      const res = await c.cssm.account<{ totalRecords: number; licenses: LicenseRow[] }>('POST', `/v1/accounts/${domain()}/licenses`, {
        virtualAccounts: o.va ? [o.va] : [],
        limit: 1000,
        offset: 0,
      });
      c.print.either(res, (r) =>
        c.print.table(
          ['LICENSE', 'QUANTITY', 'IN USE', 'AVAILABLE', 'STATUS'],
          r.licenses.map((l) => [l.license, String(l.quantity), String(l.inUse), String(l.available), l.status]),
        ),
      );
    });

  cmd.addCommand(cssmOnpremCommand(ctx));
  return cmd;
}
