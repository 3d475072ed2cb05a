import type { Friend } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatFriend } from '../format/formatFriend.js';
import { writeJson, writeLine } from '../io.js';

/** `imkit friends list`: every friend, with presence. */
export function addFriendsListCommand(friends: Command, ctx: CliContext): Command {
  return friends
    .command('list')
    .description('list your friends')
    .option('--json', 'print the friends as a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const all: Friend[] = [];
      for await (const friend of client.paginate('listFriends', { query: { limit: 100 } })) {
        all.push(friend);
      }
      if (opts.json) {
        writeJson(ctx.io.stdout, all);
        return;
      }
      if (all.length === 0)
        writeLine(ctx.io.stdout, 'no friends yet: add one with `imkit friends add <username>`');
      for (const friend of all) writeLine(ctx.io.stdout, formatFriend(friend));
    });
}
