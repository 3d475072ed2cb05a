import type { TestServer } from './testServer.js';

/**
 * Makes a group member an admin by setting the role straight in the database, so a test can
 * set up an admin without going through `setGroupMemberRole` (which has its own tests).
 * @param t the running test server (its database is used directly).
 * @param groupId the group's id.
 * @param userId the member's user id; a user who is not a member is left as is.
 */
export async function makeGroupAdmin(
  t: TestServer,
  groupId: string,
  userId: string,
): Promise<void> {
  await t.server.services.db
    .updateTable('group_members')
    .set({ role: 'admin' })
    .where('group_id', '=', groupId)
    .where('user_id', '=', userId)
    .execute();
}
