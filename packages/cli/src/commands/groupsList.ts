import type { Command } from 'commander';
import { collect } from '../collect.js';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatGroupLine } from '../format/formatGroup.js';
import { writeJson, writeLine } from '../io.js';

/** `imkit groups list`: the groups I am in, most recently active first. */
export function addGroupsListCommand(groups: Command, ctx: CliContext): Command {
  return groups
    .command('list')
    .description('list your groups, most recently active first')
    .option('--json', 'print the groups as a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const all = await collect(client.paginate('listGroups', { query: { limit: 100 } }));
      if (opts.json) {
        writeJson(ctx.io.stdout, all);
        return;
      }
      if (all.length === 0)
        writeLine(ctx.io.stdout, 'no groups yet: create one with `imkit groups create <name>`');
      for (const group of all) writeLine(ctx.io.stdout, formatGroupLine(group));
    });
}
