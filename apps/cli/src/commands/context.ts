import type { Command } from 'commander';
import { CliError, CliErrorCode } from '../cli-error';
import { loadConfig, type CliConfig } from '../config/cli-config';
import { CssmClient } from '../http/cssm-client';
import { GatewayClient } from '../http/gateway-client';
import { Printer } from '../output/printer';

/** What every command needs, built from the global options (`-s`, `--json`) when it runs. */
export class CliContext {
  readonly config: CliConfig;
  readonly gateway: GatewayClient;
  readonly print: Printer;
  private cssmClient?: CssmClient;

  constructor(private readonly program: Command) {
    this.config = loadConfig();
    this.gateway = new GatewayClient(this.config);
    this.print = new Printer(Boolean(program.opts().json));
  }

  get cssm(): CssmClient {
    this.cssmClient ??= new CssmClient(this.config);
    return this.cssmClient;
  }

  /** The switch of `-s <name>`; commands that act on one switch cannot run without it. */
  get switchName(): string {
    const name = this.program.opts().switch as string | undefined;
    if (!name) throw new CliError(CliErrorCode.Usage, 'this command acts on one switch: give it with -s <name>');
    return name;
  }
}

export type ContextFactory = () => CliContext;
