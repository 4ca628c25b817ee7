// `fleetlic`: the command line over the device-gateway and the license server (API.md §2).
// Exit codes: 0 success, 1 refused command (or unreachable service), 2 usage error.
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { callhomeCommand } from './commands/callhome.command';
import { clockCommand } from './commands/clock.command';
import { CliContext } from './commands/context';
import { cssmCommand } from './commands/cssm.command';
import { diagnoseCommand } from './commands/diagnose.command';
import { fleetCommand } from './commands/fleet.command';
import { licenseCommand } from './commands/license.command';
import { showCommand } from './commands/show.command';
import { switchCommand } from './commands/switch.command';

function buildProgram(): Command {
  const program = new Command('fleetlic')
    .description('Smart Licensing for fleets of Nexus switches')
    .option('-s, --switch <name>', 'the switch a command acts on')
    .option('--json', 'print JSON for machines')
    .showHelpAfterError(false);
  const ctx = () => new CliContext(program);
  for (const cmd of [switchCommand, callhomeCommand, licenseCommand, showCommand, fleetCommand, diagnoseCommand, clockCommand, cssmCommand]) {
    program.addCommand(cmd(ctx));
  }
  // Every (sub)command reports usage errors by throwing, so they all exit 2 in one place.
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed its one line; help and version are not errors.
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.help' || err.code === 'commander.version' ? 0 : 2;
    }
    if (err instanceof CliError) {
      process.stderr.write(`fleetlic: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`fleetlic: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
