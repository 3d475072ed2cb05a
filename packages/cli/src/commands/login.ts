import type { Command } from 'commander';
import { connect } from '../connection.js';
import type { CliContext } from '../context.js';
import { CliError } from '../errors.js';
import { writeJson, writeLine } from '../io.js';
import {
  type LoginCredentialOptions,
  readLoginCredentials,
  withLoginOptions,
} from '../loginCredentials.js';

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
  return withLoginOptions(
    program.command('login').description('log in with your username or email'),
  ).action(async (opts: LoginCredentialOptions, command: Command) => {
    const { login, password } = await readLoginCredentials(ctx, opts);
    const { client, store, server } = await connect(ctx, command.optsWithGlobals());
    const session = await client.login({ body: { login, password } }).catch((error: unknown) => {
      throw deletedAccountHint(error);
    });
    await store.setUsername(session.user.username);
    if (opts.json) writeJson(ctx.io.stdout, session.user);
    else writeLine(ctx.io.stdout, `logged in as ${session.user.username} on ${server}`);
  });
}
