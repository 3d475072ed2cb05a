import type { Command } from 'commander';
import { collect } from '../collect.js';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatInboxEntry, sortPinnedFirst } from '../format/formatInboxEntry.js';
import { writeJson, writeLine } from '../io.js';

/**
 * `imkit inbox`: every conversation, direct and group, pinned first, then by latest activity,
 * with its unread count, unread mentions and newest message.
 */
export function addInboxCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('inbox')
    .description('every conversation, pinned first, with unread and mention counts')
    .option('--json', 'print the conversations as a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const conversations = sortPinnedFirst(
        await collect(client.paginate('listConversations', { query: { limit: 100 } })),
      );
      if (opts.json) {
        writeJson(ctx.io.stdout, conversations);
        return;
      }
      if (conversations.length === 0) writeLine(ctx.io.stdout, 'no conversations yet');
      for (const conversation of conversations) {
        writeLine(ctx.io.stdout, formatInboxEntry(conversation));
      }
    });
}
