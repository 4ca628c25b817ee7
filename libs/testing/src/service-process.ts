import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

const KILL_AFTER_MS = 5_000;

/** One child process of a test stack, its stdout and stderr appended to one log file. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exit?: Promise<number | null>;

  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly opts: { cwd: string; env: Record<string, string>; logFile: string },
  ) {}

  start(): void {
    const fd = openSync(this.opts.logFile, 'a');
    const child = spawn(process.execPath, this.args, { cwd: this.opts.cwd, env: this.opts.env, stdio: ['ignore', fd, fd] });
    closeSync(fd); // the child holds its own copy
    this.child = child;
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  }

  /** The exit code if the process already ended (a crash during start-up shows up here). */
  get exitCode(): number | null {
    return this.child?.exitCode ?? (this.child?.signalCode ? -1 : null);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** SIGTERM, then SIGKILL if it has not exited after 5 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    await this.exit;
    clearTimeout(timer);
  }

  /** SIGKILL (a crash: no shutdown hooks run), resolved once the process is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await this.exit;
  }

  /** Waits for the process to end by itself (for one-shot commands such as migrations). */
  async finished(): Promise<number | null> {
    return this.exit ?? null;
  }

  logs(): string {
    return existsSync(this.opts.logFile) ? readFileSync(this.opts.logFile, 'utf8') : '';
  }
}
