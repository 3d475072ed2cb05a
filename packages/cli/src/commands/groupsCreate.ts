import type { UserSummary } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { findUser } from '../findUser.js';
import { formatGroupLine } from '../format/formatGroup.js';
import { writeJson, writeLine } from '../io.js';
import { readTextArgument } from '../textArgument.js';

interface CreateOptions {
  members?: string;
  description?: string;
  json?: boolean;
}

/** The usernames of a comma-separated `--members` list, blanks dropped. */
function memberNames(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

/** `imkit groups create <name>`: creates a group I own, with friends as its first members. */
export function addGroupsCreateCommand(groups: Command, ctx: CliContext): Command {
  return groups
    .command('create')
    .description('create a group you own')
    .argument('<name>', 'the group name (1 to 30 characters)')
    .option('--members <usernames>', 'friends who join right away, comma-separated (a,b)')
    .option('--description <text>', 'what the group is about (- reads it from stdin)')
    .option('--json', 'print the new group as JSON')
    .action(async (name: string, opts: CreateOptions, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const members: UserSummary[] = [];
      for (const username of memberNames(opts.members)) {
        members.push(await findUser(client, username, session.username));
      }
      const group = await client.createGroup({
        body: {
          name,
          ...(opts.description !== undefined
            ? { description: await readTextArgument(opts.description, ctx.io.stdin) }
            : {}),
          ...(members.length > 0 ? { member_ids: members.map((user) => user.id) } : {}),
        },
      });
      if (opts.json) writeJson(ctx.io.stdout, group);
      else writeLine(ctx.io.stdout, `created ${formatGroupLine(group)}`);
    });
}
