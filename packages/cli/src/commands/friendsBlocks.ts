import type { Block } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { lookUpUser } from '../findUser.js';
import { formatTime } from '../format/formatTime.js';
import { formatUser } from '../format/formatUser.js';
import { writeJson, writeLine } from '../io.js';

/** `imkit friends block | unblock | blocked`: the users whose messages and requests you refuse. */
export function addFriendsBlockCommands(friends: Command, ctx: CliContext): void {
  friends
    .command('block')
    .description(
      "refuse a user's messages, friend requests and group invitations (they are not told)",
    )
    .argument('<username>', 'the user to block')
    .option('--json', 'print the block as JSON')
    .action(async (username: string, opts: { json?: boolean }, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const user = await lookUpUser(client, username, session.username);
      const block = await client.blockUser({ body: { user_id: user.id } });
      if (opts.json) writeJson(ctx.io.stdout, block);
      else
        writeLine(
          ctx.io.stdout,
          `blocked ${user.username}; undo with \`imkit friends unblock ${user.username}\``,
        );
    });

  friends
    .command('unblock')
    .description("accept a blocked user's messages and friend requests again")
    .argument('<username>', 'the blocked user')
    .action(async (username: string, _opts: unknown, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const user = await lookUpUser(client, username, session.username);
      await client.unblockUser({ path: { user_id: user.id } });
      writeLine(ctx.io.stdout, `unblocked ${user.username}`);
    });

  friends
    .command('blocked')
    .description('the users you blocked, most recent first')
    .option('--json', 'print the blocks as a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const all: Block[] = [];
      for await (const block of client.paginate('listBlocks', { query: { limit: 100 } }))
        all.push(block);
      if (opts.json) {
        writeJson(ctx.io.stdout, all);
        return;
      }
      if (all.length === 0) writeLine(ctx.io.stdout, 'you have blocked nobody');
      for (const block of all)
        writeLine(
          ctx.io.stdout,
          `${formatUser(block.user)}  since ${formatTime(block.blocked_at)}`,
        );
    });
}
