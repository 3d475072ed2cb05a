import type { FriendRequest } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { CliError } from '../errors.js';
import { writeJson, writeLine } from '../io.js';

/** `imkit friends accept <username>`: accepts the pending request that user sent you. */
export function addFriendsAcceptCommand(friends: Command, ctx: CliContext): Command {
  return friends
    .command('accept')
    .description('accept the friend request a user sent you')
    .argument('<username>', 'who sent the request')
    .option('--json', 'print the accepted request as JSON')
    .action(async (username: string, opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const pending = await findPendingFrom(client, username);
      const accepted = await client.acceptFriendRequest({ path: { request_id: pending.id } });
      if (opts.json) writeJson(ctx.io.stdout, accepted);
      else writeLine(ctx.io.stdout, `you and ${accepted.from.username} are now friends`);
    });
}

async function findPendingFrom(
  client: Awaited<ReturnType<typeof connectLoggedIn>>['client'],
  username: string,
): Promise<FriendRequest> {
  const wanted = username.toLowerCase();
  const pages = client.paginate('listFriendRequests', {
    query: { direction: 'received', status: 'pending', limit: 100 },
  });
  for await (const request of pages) {
    if (request.from.username.toLowerCase() === wanted) return request;
  }
  throw new CliError(`no pending friend request from ${username}`, {
    code: 'cli.no_pending_request',
    hint: 'see your requests with `imkit friends requests`',
  });
}
