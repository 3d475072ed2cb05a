import type { Command } from 'commander';
import { collect } from '../collect.js';
import type { CliContext } from '../context.js';
import { formatGroupMember } from '../format/formatGroupMember.js';
import { connectToGroup } from '../groupCommand.js';
import { writeJson, writeLine } from '../io.js';

/** `imkit groups members <group>`: the owner, then admins, then members, each by join time. */
export function addGroupsMembersCommand(groups: Command, ctx: CliContext): Command {
  return groups
    .command('members')
    .description("list a group's members: owner, admins, then members")
    .argument('<group>', 'the group: its id, or its name when unique among your groups')
    .option('--json', 'print the members as a JSON array')
    .action(async (reference: string, opts: { json?: boolean }, command: Command) => {
      const { client, group } = await connectToGroup(ctx, command, reference);
      const { iterateGroupMembers } = await import('@imkit/sdk');
      const members = await collect(iterateGroupMembers(client, group.id));
      if (opts.json) {
        writeJson(ctx.io.stdout, members);
        return;
      }
      for (const member of members) writeLine(ctx.io.stdout, formatGroupMember(member));
    });
}
