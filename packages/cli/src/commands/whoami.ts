import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatUser } from '../format/formatUser.js';
import { writeJson, writeLine } from '../io.js';

/** `imkit whoami`: the account of the stored session, as the server sees it. */
export function addWhoamiCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('whoami')
    .description('show the logged-in account')
    .option('--json', 'print the account as JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client, store, server, session } = await connectLoggedIn(
        ctx,
        command.optsWithGlobals(),
      );
      const me = await client.getMe();
      if (me.username !== session.username) await store.setUsername(me.username);
      if (opts.json) {
        writeJson(ctx.io.stdout, me);
        return;
      }
      const email = me.email ? ` <${me.email}>` : '';
      writeLine(ctx.io.stdout, `${formatUser(me)}${email} on ${server}`);
    });
}
