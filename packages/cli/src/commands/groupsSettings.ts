import { type Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../context.js';
import { connectToGroup } from '../groupCommand.js';
import { GROUP_PREFIX } from '../groupReference.js';
import { writeJson, writeLine } from '../io.js';

const GROUP_ARGUMENT = 'the group: its id, or its name when unique among your groups';

/** Parses `on` / `off`. */
function parseSwitch(value: string): boolean {
  if (value === 'on') return true;
  if (value === 'off') return false;
  throw new InvalidArgumentError('expected on or off');
}

/** `imkit groups mute-all | nick`: the group's mute-all switch and my nickname in a group. */
export function addGroupsSettingsCommands(groups: Command, ctx: CliContext): void {
  groups
    .command('mute-all')
    .description('while on, only the owner and admins may send (owner or admin)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<state>', 'on or off', parseSwitch)
    .option('--json', 'print the group as JSON')
    .action(async (reference: string, on: boolean, opts: { json?: boolean }, command: Command) => {
      const { client, group } = await connectToGroup(ctx, command, reference);
      const updated = await client.setGroupMuteAll({
        path: { group_id: group.id },
        body: { muted_all: on },
      });
      if (opts.json) writeJson(ctx.io.stdout, updated);
      else
        writeLine(
          ctx.io.stdout,
          updated.muted_all
            ? `${GROUP_PREFIX}${group.name} is muted: only the owner and admins may send`
            : `${GROUP_PREFIX}${group.name} is no longer muted`,
        );
    });

  groups
    .command('nick')
    .description('set your nickname in a group')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<nickname>', 'your name in this group, 1 to 30 characters')
    .option('--json', 'print your membership as JSON')
    .action(
      async (reference: string, nickname: string, opts: { json?: boolean }, command: Command) => {
        const { client, group } = await connectToGroup(ctx, command, reference);
        const member = await client.updateMyGroupMember({
          path: { group_id: group.id },
          body: { nickname },
        });
        if (opts.json) writeJson(ctx.io.stdout, member);
        else
          writeLine(
            ctx.io.stdout,
            `your nickname in ${GROUP_PREFIX}${group.name} is "${member.nickname}"`,
          );
      },
    );
}
