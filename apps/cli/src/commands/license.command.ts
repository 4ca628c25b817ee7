import { Command } from 'commander';
import { CliError, CliErrorCode } from '../cli-error';
import { switchPath } from '../http/gateway-client';
import type { CliContext, ContextFactory } from './context';

interface StatusJson {
  registration?: { status?: string };
}

/**
 * Prints the outcome of a waited command the way an operator checks it on NX-OS: the
 * `show license status` text (or its JSON). Returns the status JSON.
 */
async function printStatus(c: CliContext, status: StatusJson): Promise<StatusJson> {
  if (c.print.json) c.print.data(status);
  else c.print.raw(await c.gateway.call<string>('GET', switchPath(c.switchName, '/license/status'), { accept: 'text' }));
  return status;
}

/** `fleetlic -s <name> license smart register|deregister|renew`, `license usage TAG=n…`. */
export function licenseCommand(ctx: ContextFactory): Command {
  const cmd = new Command('license').description('Smart Licensing commands of one switch (-s <name>)');
  const smart = cmd.command('smart').description('license smart …');

  smart
    .command('register')
    .description('register with an ID token: register idtoken <token> [force]')
    .argument('<idtoken>', 'the word "idtoken"')
    .argument('<token>', 'the ID token from the Smart Account')
    .argument('[force]', 'the word "force": register again even when registered')
    .action(async (keyword: string, token: string, force: string | undefined) => {
      if (keyword !== 'idtoken') throw new CliError(CliErrorCode.Usage, `expected "register idtoken <token> [force]", got "register ${keyword}"`);
      if (force !== undefined && force !== 'force') throw new CliError(CliErrorCode.Usage, `expected "force" after the token, got "${force}"`);
      const c = ctx();
      const status = await c.gateway.call<StatusJson>('POST', `${switchPath(c.switchName, '/license/register')}?wait=true`, { body: { idToken: token, force: force === 'force' } });
      await printStatus(c, status);
      // CSSM refusing the token (or the switch not reaching it) is a refused command.
      if (status.registration?.status !== 'REGISTERED') process.exitCode = 1;
    });

  smart
    .command('deregister')
    .description('deregister the switch and return to evaluation mode')
    .action(async () => {
      const c = ctx();
      await printStatus(c, await c.gateway.call('POST', `${switchPath(c.switchName, '/license/deregister')}?wait=true`));
    });

  smart
    .command('renew')
    .description('renew the ID certificate (id) or the authorization (auth) now')
    .argument('<what>', 'id or auth')
    .action(async (what: string) => {
      if (what !== 'id' && what !== 'auth') throw new CliError(CliErrorCode.Usage, `expected "renew id" or "renew auth", got "renew ${what}"`);
      const c = ctx();
      await printStatus(c, await c.gateway.call('POST', `${switchPath(c.switchName, '/license/renew')}?wait=true`, { body: { what } }));
    });

  cmd
    .command('usage')
    .description('set the entitlements in use: license usage NXOS_ADVANTAGE_XF=1 …')
    .argument('<TAG=count...>')
    .action(async (pairs: string[]) => {
      const entitlements = pairs.map((p) => {
        const m = /^([A-Za-z0-9_-]+)=(\d+)$/.exec(p);
        if (!m) throw new CliError(CliErrorCode.Usage, `"${p}" is not TAG=count`);
        return { tag: m[1], count: Number(m[2]) };
      });
      const c = ctx();
      const status = await c.gateway.call('PUT', `${switchPath(c.switchName, '/license/usage')}?wait=true`, { body: { entitlements } });
      if (c.print.json) c.print.data(status);
      else c.print.raw(await c.gateway.call<string>('GET', switchPath(c.switchName, '/license/usage'), { accept: 'text' }));
    });

  return cmd;
}
