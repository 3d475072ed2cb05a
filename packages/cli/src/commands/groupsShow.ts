import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { formatGroupDetails } from '../format/formatGroup.js';
import { connectToGroup } from '../groupCommand.js';
import { writeJson, writeLine } from '../io.js';

/** `imkit groups show <group>`: one group's details, as the server has them now. */
export function addGroupsShowCommand(groups: Command, ctx: CliContext): Command {
  return groups
    .command('show')
    .description("show a group's details")
    .argument('<group>', 'the group: its id, or its name when unique among your groups')
    .option('--json', 'print the group as JSON')
    .action(async (reference: string, opts: { json?: boolean }, command: Command) => {
      const { client, group } = await connectToGroup(ctx, command, reference);
      const fresh = await client.getGroup({ path: { group_id: group.id } });
      if (opts.json) {
        writeJson(ctx.io.stdout, fresh);
        return;
      }
      for (const line of formatGroupDetails(fresh)) writeLine(ctx.io.stdout, line);
    });
}
