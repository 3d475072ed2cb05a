import { blockUser, listBlocks, unblockUser } from '../domain/blocks.js';
import {
  addFriendGroupMembers,
  listFriendGroupMembers,
  removeFriendGroupMember,
} from '../domain/friendGroupMembers.js';
import {
  createFriendGroup,
  deleteFriendGroup,
  getFriendGroup,
  listFriendGroups,
  renameFriendGroup,
} from '../domain/friendGroups.js';
import { getFriend, removeFriend, updateFriendRemark } from '../domain/friendships.js';
import type { Services } from '../domain/Services.js';
import { searchAll } from '../domain/searchAll.js';
import { lookUpUser } from '../domain/userLookup.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/**
 * Handlers for user lookup and search, a friend's details, remark and removal, blocks, and
 * friend groups (the caller's own categories of friends). Every operation acts on the caller's
 * own graph: `auth.userId` is the owner of every remark, block and friend group touched.
 */
export function socialHandlers(services: Services): OperationHandlers {
  return {
    async getUser({ auth, path }) {
      const body = await lookUpUser(services, auth.userId, { id: path.user_id });
      return { status: 200, body };
    },
    async getUserByUsername({ auth, path }) {
      const body = await lookUpUser(services, auth.userId, { username: path.username });
      return { status: 200, body };
    },
    async searchAll({ auth, query }) {
      return { status: 200, body: await searchAll(services.db, auth.userId, query) };
    },
    async getFriend({ auth, path }) {
      return { status: 200, body: await getFriend(services, auth.userId, path.user_id) };
    },
    async updateFriend({ auth, path, body }) {
      const friend = await updateFriendRemark(services, auth.userId, path.user_id, body.remark);
      return { status: 200, body: friend };
    },
    async deleteFriend({ auth, path }) {
      await removeFriend(services, auth.userId, path.user_id);
      return { status: 204 };
    },
    async listBlocks({ auth, query }) {
      return { status: 200, body: await listBlocks(services, auth.userId, query) };
    },
    async blockUser({ auth, body }) {
      return { status: 201, body: await blockUser(services, auth.userId, body.user_id) };
    },
    async unblockUser({ auth, path }) {
      await unblockUser(services, auth.userId, path.user_id);
      return { status: 204 };
    },
    async listFriendGroups({ auth, query }) {
      return { status: 200, body: await listFriendGroups(services, auth.userId, query) };
    },
    async createFriendGroup({ auth, body }) {
      return { status: 201, body: await createFriendGroup(services, auth.userId, body) };
    },
    async getFriendGroup({ auth, path }) {
      const body = await getFriendGroup(services.db, auth.userId, path.friend_group_id);
      return { status: 200, body };
    },
    async updateFriendGroup({ auth, path, body }) {
      const group = await renameFriendGroup(services, auth.userId, path.friend_group_id, body.name);
      return { status: 200, body: group };
    },
    async deleteFriendGroup({ auth, path }) {
      await deleteFriendGroup(services, auth.userId, path.friend_group_id);
      return { status: 204 };
    },
    async listFriendGroupMembers({ auth, path, query }) {
      const page = await listFriendGroupMembers(services, auth.userId, path.friend_group_id, query);
      return { status: 200, body: page };
    },
    async addFriendGroupMembers({ auth, path, body }) {
      const group = await addFriendGroupMembers(
        services,
        auth.userId,
        path.friend_group_id,
        body.user_ids,
      );
      return { status: 200, body: group };
    },
    async removeFriendGroupMember({ auth, path }) {
      await removeFriendGroupMember(services, auth.userId, path.friend_group_id, path.user_id);
      return { status: 204 };
    },
  };
}
