import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { findUser } from '../findUser.js';
import { writeJson, writeLine } from '../io.js';
import { readTextArgument } from '../textArgument.js';

interface AddOptions {
  message?: string;
  json?: boolean;
}

/** `imkit friends add <username>`: sends a friend request. */
export function addFriendsAddCommand(friends: Command, ctx: CliContext): Command {
  return friends
    .command('add')
    .description('send a friend request')
    .argument('<username>', 'who to befriend')
    .option('--message <text>', 'a note for the request (- reads it from stdin)')
    .option('--json', 'print the friend request as JSON')
    .action(async (username: string, opts: AddOptions, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const user = await findUser(client, username, session.username);
      const message =
        opts.message === undefined ? undefined : await readTextArgument(opts.message, ctx.io.stdin);
      const request = await client.sendFriendRequest({
        body: {
          user_id: user.id,
          ...(message !== undefined ? { message } : {}),
        },
      });
      if (opts.json) writeJson(ctx.io.stdout, request);
      else if (request.status === 'accepted') {
        writeLine(ctx.io.stdout, `${user.username} had asked you too: you are now friends`);
      } else writeLine(ctx.io.stdout, `friend request sent to ${user.username}`);
    });
}
