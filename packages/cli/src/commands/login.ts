import type { Command } from 'commander';
import { connect } from '../connection.js';
import type { CliContext } from '../context.js';
import { resolvePassword, resolveRequired } from '../credentials.js';
import { CliError, UsageError } from '../errors.js';
import { writeJson, writeLine } from '../io.js';

interface LoginOptions {
  username?: string;
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  json?: boolean;
}

/**
 * A login refused because the account was deleted (`account.deleted`, whose detail says until
 * when) becomes an error with a hint to restore it; other errors stay as they are.
 */
function deletedAccountHint(error: unknown): unknown {
  const problem = error as { code?: unknown; message?: unknown };
  if (problem.code !== 'account.deleted') return error;
  return new CliError(String(problem.message), {
    code: 'account.deleted',
    hint: 'run `imkit account restore` to bring it back',
    cause: error,
  });
}

/** `imkit login`: logs in with a username or an email and stores the session. */
export function addLoginCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('login')
    .description('log in with your username or email')
    .option('--username <name>', 'your username')
    .option('--email <email>', 'your email (instead of --username)')
    .option('--password <password>', 'your password (or env IMKIT_PASSWORD)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--json', 'print your account as JSON')
    .action(async (opts: LoginOptions, command: Command) => {
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
      const password = await resolvePassword(opts, sources);
      const { client, store, server } = await connect(ctx, command.optsWithGlobals());
      const session = await client.login({ body: { login, password } }).catch((error: unknown) => {
        throw deletedAccountHint(error);
      });
      await store.setUsername(session.user.username);
      if (opts.json) writeJson(ctx.io.stdout, session.user);
      else writeLine(ctx.io.stdout, `logged in as ${session.user.username} on ${server}`);
    });
}
