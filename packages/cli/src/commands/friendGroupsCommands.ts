import type { Friend, ImkitClient } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { findFriendGroup } from '../findFriendGroup.js';
import { lookUpUser } from '../findUser.js';
import { formatFriend } from '../format/formatFriend.js';
import { formatFriendGroup } from '../format/formatFriendGroup.js';
import { writeJson, writeLine } from '../io.js';

const GROUP_ARGUMENT = 'the friend group, by name (any case)';

/** The ids of the users named, in order, each looked up by exact username. */
async function userIds(
  client: ImkitClient,
  usernames: readonly string[],
  me: string | null | undefined,
): Promise<string[]> {
  const ids: string[] = [];
  for (const name of usernames) ids.push((await lookUpUser(client, name, me)).id);
  return ids;
}

/**
 * `imkit friend-groups list | create | rename | delete | add | remove | show`: the caller's own
 * categories of friends (not chat groups: those are `imkit groups`).
 */
export function addFriendGroupsCommands(program: Command, ctx: CliContext): Command {
  const groups = program
    .command('friend-groups')
    .description('sort your friends into your own categories (only you see them)');

  groups
    .command('list')
    .description('your friend groups, by name')
    .option('--json', 'print the friend groups as a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const all = [];
      for await (const group of client.paginate('listFriendGroups', { query: { limit: 100 } }))
        all.push(group);
      if (opts.json) {
        writeJson(ctx.io.stdout, all);
        return;
      }
      if (all.length === 0)
        writeLine(
          ctx.io.stdout,
          'no friend groups yet: create one with `imkit friend-groups create <name>`',
        );
      for (const group of all) writeLine(ctx.io.stdout, formatFriendGroup(group));
    });

  groups
    .command('create')
    .description('create a friend group, with friends in it right away')
    .argument('<name>', '1 to 30 characters, unique among your friend groups')
    .argument('[friends...]', 'usernames of friends to put in it')
    .option('--json', 'print the friend group as JSON')
    .action(async (name: string, friends: string[], opts: { json?: boolean }, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const ids = await userIds(client, friends, session.username);
      const group = await client.createFriendGroup({
        body: { name, ...(ids.length > 0 ? { user_ids: ids } : {}) },
      });
      if (opts.json) writeJson(ctx.io.stdout, group);
      else writeLine(ctx.io.stdout, `created ${formatFriendGroup(group)}`);
    });

  groups
    .command('rename')
    .description('rename a friend group')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<new-name>', '1 to 30 characters, unique among your friend groups')
    .option('--json', 'print the friend group as JSON')
    .action(
      async (reference: string, newName: string, opts: { json?: boolean }, command: Command) => {
        const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
        const group = await findFriendGroup(client, reference);
        const renamed = await client.updateFriendGroup({
          path: { friend_group_id: group.id },
          body: { name: newName },
        });
        if (opts.json) writeJson(ctx.io.stdout, renamed);
        else writeLine(ctx.io.stdout, `renamed ${group.name} to ${renamed.name}`);
      },
    );

  groups
    .command('delete')
    .description('delete a friend group; its friends stay your friends')
    .argument('<group>', GROUP_ARGUMENT)
    .action(async (reference: string, _opts: unknown, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const group = await findFriendGroup(client, reference);
      await client.deleteFriendGroup({ path: { friend_group_id: group.id } });
      writeLine(ctx.io.stdout, `deleted ${group.name}; its friends stay your friends`);
    });

  groups
    .command('add')
    .description('put friends in a friend group (up to 100 at once)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<friends...>', 'usernames of friends')
    .option('--json', 'print the friend group as JSON')
    .action(
      async (reference: string, friends: string[], opts: { json?: boolean }, command: Command) => {
        const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
        const group = await findFriendGroup(client, reference);
        const ids = await userIds(client, friends, session.username);
        const updated = await client.addFriendGroupMembers({
          path: { friend_group_id: group.id },
          body: { user_ids: [...new Set(ids)] },
        });
        if (opts.json) writeJson(ctx.io.stdout, updated);
        else writeLine(ctx.io.stdout, `now ${formatFriendGroup(updated)}`);
      },
    );

  groups
    .command('remove')
    .description('take a friend out of a friend group (they stay your friend)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<friend>', 'the friend, by username')
    .action(async (reference: string, username: string, _opts: unknown, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const group = await findFriendGroup(client, reference);
      const user = await lookUpUser(client, username, session.username);
      await client.removeFriendGroupMember({
        path: { friend_group_id: group.id, user_id: user.id },
      });
      writeLine(ctx.io.stdout, `took ${user.username} out of ${group.name}`);
    });

  groups
    .command('show')
    .description('a friend group and every friend in it')
    .argument('<group>', GROUP_ARGUMENT)
    .option('--json', 'print the friend group and its friends as JSON')
    .action(async (reference: string, opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const group = await findFriendGroup(client, reference);
      const members: Friend[] = [];
      for await (const friend of client.paginate('listFriendGroupMembers', {
        path: { friend_group_id: group.id },
        query: { limit: 100 },
      }))
        members.push(friend);
      if (opts.json) {
        writeJson(ctx.io.stdout, { ...group, members });
        return;
      }
      writeLine(ctx.io.stdout, formatFriendGroup(group));
      for (const friend of members) writeLine(ctx.io.stdout, `  ${formatFriend(friend)}`);
    });
  return groups;
}
