import type { ImkitClient } from '@imkit/sdk';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import type { CliContext } from '../context.js';
import { writeLine } from '../io.js';

/**
 * `imkit logout`: revokes the session on the server and deletes it locally. The local session
 * is deleted even when the server cannot be told (unreachable, or failing): then a warning on
 * stderr says so and why, and the command still exits 0, since the session is gone from this
 * machine. A server that no longer knows the session (401) counts as told.
 */
export function addLogoutCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('logout')
    .description('log out and forget the stored session (locally even if the server is down)')
    .action(async (_opts: unknown, command: Command) => {
      const { client, store, server, session } = await connect(ctx, command.optsWithGlobals());
      if (!session) {
        writeLine(ctx.io.stdout, `not logged in to ${server}`);
        return;
      }
      const failure = await revoke(client);
      await store.save(null);
      const who = session.username ? ` ${session.username}` : '';
      if (failure === null) {
        writeLine(ctx.io.stdout, `logged out${who} from ${server}`);
        return;
      }
      writeLine(ctx.io.stdout, `logged out${who} on this machine`);
      const { describeError } = await import('../formatError.js');
      writeLine(
        ctx.io.stderr,
        `warning: could not tell the server: ${describeError(failure, server)}`,
      );
      writeLine(ctx.io.stderr, `warning: the session stays valid on ${server} until it expires`);
    });
}

/** Revokes the session on the server; resolves the error when that failed, else null. */
async function revoke(client: ImkitClient): Promise<unknown> {
  try {
    await client.logout();
    return null;
  } catch (err) {
    const { isImkitError } = await import('@imkit/sdk');
    return isImkitError(err) && err.status === 401 ? null : err;
  }
}
