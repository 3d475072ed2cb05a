import type { CliEnv } from './configDir.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { Prompter } from './prompter.js';
import { readSecret } from './readStdin.js';
import type { StdinLines } from './stdinLines.js';

/** Where missing values can come from. */
export interface CredentialSources {
  io: CliIO;
  env: CliEnv;
  prompter: Prompter;
}

/** The password flags shared by `register` and `login`. */
export interface PasswordFlags {
  password?: string | undefined;
  passwordStdin?: boolean | undefined;
}

/**
 * The password from `--password`, `--password-stdin`, `IMKIT_PASSWORD`, or a prompt when stdin
 * is a terminal. With `confirm`, a prompted password is asked twice.
 */
export async function resolvePassword(
  flags: PasswordFlags,
  sources: CredentialSources,
  options: { confirm?: boolean } = {},
): Promise<string> {
  if (flags.password !== undefined && flags.passwordStdin) {
    throw new UsageError('use either --password or --password-stdin, not both');
  }
  if (flags.password !== undefined) return nonEmpty(flags.password, '--password');
  if (flags.passwordStdin) return nonEmpty(await readSecret(sources.io.stdin), '--password-stdin');
  const fromEnv = sources.env.IMKIT_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!sources.io.isTTY) throw missing('--password (or --password-stdin, or IMKIT_PASSWORD)');
  const first = await sources.prompter.password('Password');
  if (options.confirm && (await sources.prompter.password('Repeat password')) !== first) {
    throw new UsageError('the passwords do not match');
  }
  return first;
}

/**
 * A required value: the flag's value, or a prompt when stdin is a terminal that is not
 * already used by `--password-stdin`.
 */
export async function resolveRequired(
  value: string | undefined,
  flag: string,
  question: string,
  sources: CredentialSources,
  stdinTaken: boolean,
): Promise<string> {
  if (value !== undefined) return nonEmpty(value, flag);
  if (!sources.io.isTTY || stdinTaken) throw missing(flag);
  return sources.prompter.input(question);
}

function nonEmpty(value: string, flag: string): string {
  if (value.length === 0) throw new UsageError(`${flag} must not be empty`);
  return value;
}

function missing(flag: string): UsageError {
  return new UsageError(
    `missing ${flag} (imkit asks for it only when stdin is a terminal)`,
    'cli.missing_option',
  );
}

/**
 * A value a script gives on stdin and a person types at a prompt: the flag's value, else the
 * environment variable, else a prompt on a terminal (hidden when `secret`), else the next line of
 * stdin when the command reads its answers from there (`lines`).
 * @param name how the value is asked for and named in errors.
 * @throws UsageError when it cannot be had (no terminal, nothing on stdin) or is empty.
 */
export async function resolveAnswer(
  options: {
    flag?: string | undefined;
    flagName?: string;
    envName?: string;
    name: string;
    secret?: boolean;
    confirm?: boolean;
    lines?: StdinLines | undefined;
  },
  sources: CredentialSources,
): Promise<string> {
  const where = [options.flagName, options.envName && `env ${options.envName}`]
    .filter(Boolean)
    .join(', or ');
  if (options.flag !== undefined) return nonEmpty(options.flag, options.flagName ?? options.name);
  const fromEnv = options.envName ? sources.env[options.envName] : undefined;
  if (fromEnv) return fromEnv;
  if (options.lines) {
    try {
      return nonEmpty(await options.lines.next(options.name), `the ${options.name} line of stdin`);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw missing(`${options.name} (a line on stdin${where ? `, or ${where}` : ''})`);
    }
  }
  if (!sources.io.isTTY) throw missing(`${options.name}${where ? ` (${where})` : ''}`);
  const ask = (message: string) =>
    options.secret ? sources.prompter.password(message) : sources.prompter.input(message);
  const first = await ask(options.name);
  if (options.confirm && (await ask(`Repeat ${options.name.toLowerCase()}`)) !== first) {
    throw new UsageError('the passwords do not match');
  }
  return first;
}
