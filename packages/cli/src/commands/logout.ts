import { isImkitError } from '@imkit/sdk';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import type { CliContext } from '../context.js';
import { writeLine } from '../io.js';

/**
 * `imkit logout`: revokes the session on the server and deletes it locally. The local session
 * is deleted even when the server cannot be told; a server that no longer knows the session
 * (401) counts as success.
 */
export function addLogoutCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('logout')
    .description('log out and forget the stored session')
    .action(async (_opts: unknown, command: Command) => {
      const { client, store, server, session } = await connect(ctx, command.optsWithGlobals());
      if (!session) {
        writeLine(ctx.io.stdout, `not logged in to ${server}`);
        return;
      }
      try {
        await client.logout();
      } catch (err) {
        if (!(isImkitError(err) && err.status === 401)) throw err;
      } finally {
        await store.save(null);
      }
      const who = session.username ? ` ${session.username}` : '';
      writeLine(ctx.io.stdout, `logged out${who} from ${server}`);
    });
}
