/** Why a command did not succeed, and the exit code it maps to (API.md §2). */
export enum CliErrorCode {
  /** The API or the license server refused the command (a 4xx, or a refusal in the outcome). */
  Refused = 'REFUSED',
  /** The command line itself is wrong (missing `-s`, unreadable file, bad duration). */
  Usage = 'USAGE',
  /** The gateway or the license server could not be reached, or answered 5xx. */
  Unreachable = 'UNREACHABLE',
}

const EXIT: Record<CliErrorCode, number> = {
  [CliErrorCode.Refused]: 1,
  [CliErrorCode.Usage]: 2,
  [CliErrorCode.Unreachable]: 1,
};

export class CliError extends Error {
  constructor(
    readonly code: CliErrorCode,
    message: string,
    /** The API's `{ error: { code } }`, when there is one. */
    readonly apiCode?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }

  get exitCode(): number {
    return EXIT[this.code];
  }
}
