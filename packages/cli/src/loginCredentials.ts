import type { Command } from 'commander';
import type { CliContext } from './context.js';
import { resolvePassword, resolveRequired } from './credentials.js';
import { UsageError } from './errors.js';

/** The flags of a command that logs in (`login`, `account restore`). */
export interface LoginCredentialOptions {
  username?: string;
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

/** Adds the flags of {@link LoginCredentialOptions} to a command. */
export function withLoginOptions(command: Command): Command {
  return command
    .option('--username <name>', 'your username')
    .option('--email <email>', 'your email (instead of --username)')
    .option('--password <password>', 'your password (or env IMKIT_PASSWORD)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--json', 'print your account as JSON');
}

/**
 * The login (username or email) and password a command logs in with: from the flags, stdin or
 * `IMKIT_PASSWORD`, prompted for only on a terminal.
 * @throws UsageError for both `--username` and `--email`, or a value missing off a terminal.
 */
export async function readLoginCredentials(
  ctx: CliContext,
  opts: LoginCredentialOptions,
): Promise<{ login: string; password: string }> {
  if (opts.username !== undefined && opts.email !== undefined) {
    throw new UsageError('use either --username or --email, not both');
  }
  const sources = { io: ctx.io, env: ctx.env, prompter: ctx.prompter };
  const login = await resolveRequired(
    opts.username ?? opts.email,
    '--username (or --email)',
    'Username or email',
    sources,
    Boolean(opts.passwordStdin),
  );
  return { login, password: await resolvePassword(opts, sources) };
}
