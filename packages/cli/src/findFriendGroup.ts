import type { FriendGroup, ImkitClient } from '@imkit/sdk';
import { CliError } from './errors.js';

/**
 * One of the caller's friend groups by name (compared case-insensitively, as the server keeps
 * names unique), found by paging through `listFriendGroups` (at most 50 groups per user).
 * @throws CliError `cli.friend_group_not_found` when the caller has no group of that name.
 */
export async function findFriendGroup(client: ImkitClient, name: string): Promise<FriendGroup> {
  const wanted = nameKey(name);
  for await (const group of client.paginate('listFriendGroups', { query: { limit: 100 } })) {
    if (nameKey(group.name) === wanted) return group;
  }
  throw new CliError(`you have no friend group named "${name}"`, {
    code: 'cli.friend_group_not_found',
    hint: 'list yours with `imkit friend-groups list`',
  });
}

/** A friend group name as the server compares it: trimmed, NFKC, lower case. */
function nameKey(name: string): string {
  return name.trim().normalize('NFKC').toLowerCase();
}
