import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { lookUpUser } from '../findUser.js';
import { writeJson, writeLine } from '../io.js';
import { readTextArgument } from '../textArgument.js';

/** `imkit friends remove | remark`: ending a friendship, and your private alias for a friend. */
export function addFriendsRemoveCommands(friends: Command, ctx: CliContext): void {
  friends
    .command('remove')
    .description('stop being friends (for both of you); your chat with them becomes read-only')
    .argument('<username>', 'the friend')
    .action(async (username: string, _opts: unknown, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const user = await lookUpUser(client, username, session.username);
      await client.deleteFriend({ path: { user_id: user.id } });
      writeLine(ctx.io.stdout, `${user.username} is no longer your friend`);
    });

  friends
    .command('remark')
    .description('set your private alias for a friend (only you see it)')
    .argument('<username>', 'the friend')
    .argument('[remark]', '1 to 50 characters (- reads it from stdin)')
    .option('--clear', 'remove the remark')
    .option('--json', 'print the friend as JSON')
    .action(
      async (
        username: string,
        remark: string | undefined,
        opts: { clear?: boolean; json?: boolean },
        command: Command,
      ) => {
        if ((remark === undefined) === !opts.clear) {
          throw new UsageError('give a remark, or --clear to remove it (not both)');
        }
        const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
        const user = await lookUpUser(client, username, session.username);
        const friend = await client.updateFriend({
          path: { user_id: user.id },
          body: {
            remark:
              opts.clear || remark === undefined
                ? null
                : await readTextArgument(remark, ctx.io.stdin),
          },
        });
        if (opts.json) writeJson(ctx.io.stdout, friend);
        else if (friend.remark === null)
          writeLine(ctx.io.stdout, `removed your remark for ${user.username}`);
        else writeLine(ctx.io.stdout, `${user.username} is "${friend.remark}" to you`);
      },
    );
}
