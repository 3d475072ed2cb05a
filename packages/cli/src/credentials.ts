import type { CliEnv } from './configDir.js';
import { UsageError } from './errors.js';
import type { CliIO } from './io.js';
import type { Prompter } from './prompter.js';
import { readSecret } from './readStdin.js';

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
