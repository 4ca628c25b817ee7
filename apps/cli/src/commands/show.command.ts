import { Argument, Command } from 'commander';
import { switchPath } from '../http/gateway-client';
import type { ContextFactory } from './context';

/** `fleetlic -s <name> show license status|summary|usage|all`: the agent's NX-OS text, unchanged. */
export function showCommand(ctx: ContextFactory): Command {
  const cmd = new Command('show').description('show commands of one switch (-s <name>)');
  cmd
    .command('license')
    .description('show license status|summary|usage|all')
    .addArgument(new Argument('<what>', 'what to show').choices(['status', 'summary', 'usage', 'all']))
    .action(async (what: string) => {
      const c = ctx();
      const path = switchPath(c.switchName, `/license/${what}`);
      if (c.print.json) c.print.data(await c.gateway.call('GET', path));
      else c.print.raw(await c.gateway.call<string>('GET', path, { accept: 'text' }));
    });
  return cmd;
}
