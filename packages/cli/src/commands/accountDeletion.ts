import type { Command } from 'commander';
import { connect, connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { resolvePassword } from '../credentials.js';
import { UsageError } from '../errors.js';
import { writeJson, writeLine } from '../io.js';
import {
  type LoginCredentialOptions,
  readLoginCredentials,
  withLoginOptions,
} from '../loginCredentials.js';

interface DeleteOptions {
  password?: string;
  passwordStdin?: boolean;
  yes?: boolean;
  json?: boolean;
}

/** The day part of an RFC 3339 time, as people read a deadline. */
function day(time: string): string {
  return time.slice(0, 10);
}

/**
 * `imkit account delete` (`deleteAccount`: password, then on a terminal the username typed
 * again, or `--yes` in scripts; the local session is forgotten) and `imkit account restore`
 * (`restoreAccount`: login and password, within 30 days; stores the new session like `login`).
 */
export function addAccountCommand(program: Command, ctx: CliContext): Command {
  const account = program.command('account').description('delete or restore your account');
  account
    .command('delete')
    .description('delete your account (restorable for 30 days with `imkit account restore`)')
    .option('--password <password>', 'your password (or env IMKIT_PASSWORD)')
    .option('--password-stdin', 'read the password from stdin')
    .option('--yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .option('--json', 'print the deletion as JSON')
    .action(async (opts: DeleteOptions, command: Command) => {
      const sources = { io: ctx.io, env: ctx.env, prompter: ctx.prompter };
      const { client, store, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      if (!opts.yes) {
        if (!ctx.io.isTTY) {
          throw new UsageError('deleting an account needs --yes when stdin is not a terminal');
        }
        const username = session.username ?? (await client.getMe()).username;
        const typed = await ctx.prompter.input(`Type your username (${username}) to delete it`);
        if (typed !== username)
          throw new UsageError('the username does not match; nothing deleted');
      }
      const password = await resolvePassword(opts, sources);
      const deletion = await client.deleteAccount({ body: { password } });
      await store.save(null);
      if (opts.json) writeJson(ctx.io.stdout, deletion);
      else
        writeLine(
          ctx.io.stdout,
          `account deleted; restore it until ${day(deletion.restore_until)} with \`imkit account restore\``,
        );
    });
  withLoginOptions(
    account
      .command('restore')
      .description('restore your deleted account within 30 days, and log in'),
  ).action(async (opts: LoginCredentialOptions, command: Command) => {
    const { login, password } = await readLoginCredentials(ctx, opts);
    const { client, store, server } = await connect(ctx, command.optsWithGlobals());
    // The SDK stores the session restoreAccount issues, as it does login's.
    const session = await client.restoreAccount({ body: { login, password } });
    await store.setUsername(session.user.username);
    if (opts.json) writeJson(ctx.io.stdout, session.user);
    else
      writeLine(
        ctx.io.stdout,
        `account restored; logged in as ${session.user.username} on ${server}`,
      );
  });
  return account;
}
