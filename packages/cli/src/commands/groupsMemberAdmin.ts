import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../context.js';
import { findUser } from '../findUser.js';
import { formatTime } from '../format/formatTime.js';
import { connectToGroup } from '../groupCommand.js';
import { GROUP_PREFIX } from '../groupReference.js';
import { writeJson, writeLine } from '../io.js';
import { parseDuration } from '../parseDuration.js';

const GROUP_ARGUMENT = 'the group: its id, or its name when unique among your groups';

/** Parses the role argument of `imkit groups role`. */
function parseRole(value: string): 'admin' | 'member' {
  if (value === 'admin' || value === 'member') return value;
  throw new InvalidArgumentError('expected admin or member');
}

/**
 * `imkit groups role | kick | mute | unmute`: what owners and admins do to members ranked below
 * them. The server decides who may; a refusal exits non-zero with its message.
 */
export function addGroupsMemberAdminCommands(groups: Command, ctx: CliContext): void {
  groups
    .command('role')
    .description('make a member an admin, or an admin a member (owner only)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<user>', 'the member')
    .argument('<role>', 'admin or member', parseRole)
    .option('--json', 'print the member as JSON')
    .action(
      async (
        reference: string,
        username: string,
        role: 'admin' | 'member',
        opts: { json?: boolean },
        command: Command,
      ) => {
        const { client, group } = await connectToGroup(ctx, command, reference);
        const user = await findUser(client, username);
        const member = await client.setGroupMemberRole({
          path: { group_id: group.id, user_id: user.id },
          body: { role },
        });
        if (opts.json) writeJson(ctx.io.stdout, member);
        else
          writeLine(
            ctx.io.stdout,
            `${user.username} is now ${member.role} of ${GROUP_PREFIX}${group.name}`,
          );
      },
    );

  groups
    .command('kick')
    .description('remove a member from the group (owner or admin, over lower ranks)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<user>', 'the member')
    .action(async (reference: string, username: string, _opts: unknown, command: Command) => {
      const { client, group } = await connectToGroup(ctx, command, reference);
      const user = await findUser(client, username);
      await client.removeGroupMember({ path: { group_id: group.id, user_id: user.id } });
      writeLine(ctx.io.stdout, `removed ${user.username} from ${GROUP_PREFIX}${group.name}`);
    });

  groups
    .command('mute')
    .description('stop a member from sending (owner or admin, over lower ranks)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<user>', 'the member')
    .option(
      '--for <duration>',
      'how long: 30s, 10m, 2h, 7d (default: until unmuted)',
      parseDuration,
    )
    .option('--json', 'print the member as JSON')
    .action(
      async (
        reference: string,
        username: string,
        opts: { for?: number; json?: boolean },
        command: Command,
      ) => {
        const { client, group } = await connectToGroup(ctx, command, reference);
        const user = await findUser(client, username);
        const member = await client.muteGroupMember({
          path: { group_id: group.id, user_id: user.id },
          body: opts.for !== undefined ? { duration_seconds: opts.for } : {},
        });
        if (opts.json) {
          writeJson(ctx.io.stdout, member);
          return;
        }
        const until = member.muted_until
          ? `until ${formatTime(member.muted_until)}`
          : 'until unmuted';
        writeLine(ctx.io.stdout, `muted ${user.username} in ${GROUP_PREFIX}${group.name} ${until}`);
      },
    );

  groups
    .command('unmute')
    .description('let a muted member send again (owner or admin)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<user>', 'the member')
    .action(async (reference: string, username: string, _opts: unknown, command: Command) => {
      const { client, group } = await connectToGroup(ctx, command, reference);
      const user = await findUser(client, username);
      await client.unmuteGroupMember({ path: { group_id: group.id, user_id: user.id } });
      writeLine(ctx.io.stdout, `unmuted ${user.username} in ${GROUP_PREFIX}${group.name}`);
    });
}
