import type { TestUser } from './users.js';

/**
 * The user's own role in a group, as `getGroup` reports it to them.
 * @param user the signed-in user asking.
 * @param groupId the group's id.
 * @returns `owner`, `admin` or `member`, or null when the user is not a member.
 */
export const groupRoleOf = async (user: TestUser, groupId: string) =>
  (await user.client.getGroup({ path: { group_id: groupId } })).my_role;
