import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { findUser } from '../findUser.js';
import { connectToGroup } from '../groupCommand.js';
import { GROUP_PREFIX } from '../groupReference.js';
import { writeJson, writeLine } from '../io.js';

const GROUP_ARGUMENT = 'the group: its id, or its name when unique among your groups';

/** `imkit groups transfer | leave | dismiss`: ownership, leaving, and ending a group. */
export function addGroupsLifecycleCommands(groups: Command, ctx: CliContext): void {
  groups
    .command('transfer')
    .description('make another member the owner; you become an admin (owner only)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<user>', 'the member who becomes the owner')
    .option('--json', 'print the group as JSON')
    .action(
      async (reference: string, username: string, opts: { json?: boolean }, command: Command) => {
        const { client, group, session } = await connectToGroup(ctx, command, reference);
        const user = await findUser(client, username, session.username);
        const updated = await client.transferGroupOwnership({
          path: { group_id: group.id },
          body: { user_id: user.id },
        });
        if (opts.json) writeJson(ctx.io.stdout, updated);
        else
          writeLine(
            ctx.io.stdout,
            `${user.username} now owns ${GROUP_PREFIX}${group.name}; you are an admin`,
          );
      },
    );

  groups
    .command('leave')
    .description('leave a group (the owner transfers it or dismisses it instead)')
    .argument('<group>', GROUP_ARGUMENT)
    .action(async (reference: string, _opts: unknown, command: Command) => {
      const { client, group } = await connectToGroup(ctx, command, reference);
      await client.leaveGroup({ path: { group_id: group.id } });
      writeLine(ctx.io.stdout, `left ${GROUP_PREFIX}${group.name}`);
    });

  groups
    .command('dismiss')
    .description('end a group for everyone; its chat becomes read-only (owner only)')
    .argument('<group>', GROUP_ARGUMENT)
    .action(async (reference: string, _opts: unknown, command: Command) => {
      const { client, group } = await connectToGroup(ctx, command, reference);
      await client.dismissGroup({ path: { group_id: group.id } });
      writeLine(ctx.io.stdout, `dismissed ${GROUP_PREFIX}${group.name}`);
    });
}
