import type { FriendRequest } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatFriendRequest, sortPendingFirst } from '../format/formatFriendRequest.js';
import { writeJson, writeLine } from '../io.js';

/** `imkit friends requests`: requests received and sent, pending first. */
export function addFriendsRequestsCommand(friends: Command, ctx: CliContext): Command {
  return friends
    .command('requests')
    .description('list requests received and sent, pending first')
    .option('--json', 'print the requests as a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const all: FriendRequest[] = [];
      const pages = client.paginate('listFriendRequests', {
        query: { direction: 'all', limit: 100 },
      });
      for await (const request of pages) all.push(request);
      const requests = sortPendingFirst(all);
      if (opts.json) {
        writeJson(ctx.io.stdout, requests);
        return;
      }
      if (requests.length === 0) writeLine(ctx.io.stdout, 'no friend requests');
      for (const request of requests) {
        writeLine(ctx.io.stdout, formatFriendRequest(request, session.tokens.user_id));
      }
    });
}
