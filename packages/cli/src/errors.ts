/** Exit code of a failed command: a server answer, a network failure or a local problem. */
export const EXIT_FAILURE = 1;
/** Exit code of a command line that cannot run: unknown option, missing argument or value. */
export const EXIT_USAGE = 2;

/** Options of a {@link CliError}. */
export interface CliErrorOptions {
  /** Stable machine code, e.g. `cli.not_logged_in`. */
  code: string;
  /** Process exit code. Default: 1. */
  exitCode?: number;
  /** A line telling the user what to do next. */
  hint?: string;
  cause?: unknown;
}

/** A failure found by the CLI itself (not by the server), printed as `error: <message>`. */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  readonly code: string;
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, options: CliErrorOptions) {
    super(message, { cause: options.cause });
    this.code = options.code;
    this.exitCode = options.exitCode ?? EXIT_FAILURE;
    this.hint = options.hint;
  }
}

/** A value the command needs is missing or invalid; exits with {@link EXIT_USAGE}. */
export class UsageError extends CliError {
  override readonly name = 'UsageError';

  constructor(message: string, code = 'cli.usage') {
    super(message, { code, exitCode: EXIT_USAGE });
  }
}

/** The hint shown whenever a command needs a session that is missing or no longer valid. */
export const LOGIN_HINT = 'run `imkit login` (or `imkit register`) first';

/** There is no stored session for the server the command talks to. */
export class NotLoggedInError extends CliError {
  override readonly name = 'NotLoggedInError';

  constructor(server: string) {
    super(`not logged in to ${server}`, { code: 'cli.not_logged_in', hint: LOGIN_HINT });
  }
}
