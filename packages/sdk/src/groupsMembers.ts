import type { ImkitClient } from './createImkitClient.js';
import type { GroupMember } from './generated/openapi.js';

/** Options of {@link iterateGroupMembers}. */
export interface IterateGroupMembersOptions {
  /** Members fetched per request, 1 to 100. Default: 100. */
  pageSize?: number;
}

/**
 * Every member of a group, page after page (`listGroupMembers`), in the server's order: the
 * owner, then admins, then members, each by join time. Pages are fetched as the loop asks for
 * them, so `break` stops fetching.
 *
 * @param client A logged-in client of a member of the group.
 * @param groupId The group's id.
 * @throws ImkitError from `listGroupMembers` (`group.not_found`, `group.not_member`...).
 * @example for await (const member of iterateGroupMembers(client, group.id)) console.log(member.user.username);
 */
export function iterateGroupMembers(
  client: ImkitClient,
  groupId: string,
  options: IterateGroupMembersOptions = {},
): AsyncIterable<GroupMember> {
  return client.paginate('listGroupMembers', {
    path: { group_id: groupId },
    query: { limit: options.pageSize ?? 100 },
  });
}
