import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, CliErrorCode } from '../cli-error';
import { switchPath } from '../http/gateway-client';
import type { ContextFactory } from './context';

/** `fleetlic -s <name> callhome <file>`: apply an NX-OS `callhome` block, as pasted from a switch. */
export function callhomeCommand(ctx: ContextFactory): Command {
  return new Command('callhome')
    .description('set the Call Home configuration from a file holding an NX-OS callhome block')
    .argument('<file>')
    .action(async (file: string) => {
      let data: string;
      try {
        data = readFileSync(file, 'utf8');
      } catch (err) {
        throw new CliError(CliErrorCode.Usage, `cannot read ${file}: ${(err as Error).message}`);
      }
      const c = ctx();
      const config = await c.gateway.call<{ destinationUrl: string; vrf: string; enabled: boolean }>('PUT', switchPath(c.switchName, '/callhome'), { text: { data, type: 'text/plain' } });
      c.print.either(config, (ch) => `Call Home ${ch.enabled ? 'enabled' : 'disabled'}: ${ch.destinationUrl || '(no destination)'} via VRF ${ch.vrf}`);
    });
}
