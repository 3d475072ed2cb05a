import type { Kysely } from 'kysely';
import type { DatabaseSchema, MessagesTable } from '../db/DatabaseSchema.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import { ApiError } from '../http/ApiError.js';
import { nowIso } from './clock.js';
import type { UserRow } from './userViews.js';

/** What sending into a conversation depends on, read in one query (operation `sendMessage`). */
export interface SendContext {
  sender: UserRow;
  /** The members who see the message: the sender and the peer, or every member of the group. */
  audience: string[];
  /** The sender's role in a group conversation; null in a direct one. */
  groupRole: string | null;
  /** The sender's earlier message with the same `client_message_id`, in any conversation. */
  earlier: Omit<MessagesTable, 'seq'> | undefined;
}

const senderColumns = [
  'sender.id',
  'sender.username',
  'sender.nickname',
  'sender.avatar_url',
  'sender.deleted_at',
  'sender.email',
  'sender.created_at',
] as const;

/** The one read of a send; the arguments are bound on every call, the SQL compiled once. */
const sendContextQuery = new ReusableQuery(
  (
    db: Kysely<DatabaseSchema>,
    p: { senderId: string; conversationId: string; clientMessageId: string },
  ) =>
    db
      .selectFrom('conversation_members as me')
      .innerJoin('conversations as c', 'c.id', 'me.conversation_id')
      .innerJoin('users as sender', 'sender.id', 'me.user_id')
      .leftJoin('conversation_members as peer', (join) =>
        join
          .onRef('peer.conversation_id', '=', 'me.conversation_id')
          .onRef('peer.user_id', '!=', 'me.user_id')
          .on('c.type', '=', 'direct'),
      )
      .leftJoin('groups as g', 'g.conversation_id', 'me.conversation_id')
      .leftJoin('group_members as gm', (join) =>
        join.onRef('gm.group_id', '=', 'g.id').onRef('gm.user_id', '=', 'me.user_id'),
      )
      .leftJoin('friendships as f', (join) =>
        join.onRef('f.user_id', '=', 'me.user_id').onRef('f.friend_id', '=', 'peer.user_id'),
      )
      .leftJoin('users as peer_user', 'peer_user.id', 'peer.user_id')
      .leftJoin('blocks as peer_block', (join) =>
        join
          .onRef('peer_block.blocker_id', '=', 'peer.user_id')
          .onRef('peer_block.blocked_id', '=', 'me.user_id'),
      )
      .leftJoin('messages as earlier', (join) =>
        join
          .onRef('earlier.sender_id', '=', 'me.user_id')
          .on('earlier.client_message_id', '=', p.clientMessageId),
      )
      .select(senderColumns)
      .select(['c.type', 'peer.user_id as peer_id', 'f.user_id as friendship'])
      .select([
        'peer_user.deleted_at as peer_deleted_at',
        'peer_block.blocker_id as blocked_by_peer',
      ])
      .select([
        'g.muted_all',
        'g.dismissed_at as group_dismissed_at',
        'gm.role as group_role',
        'gm.muted_until',
        'gm.muted_indefinitely',
      ])
      .select([
        'earlier.id as earlier_id',
        'earlier.conversation_id as earlier_conversation_id',
        'earlier.content as earlier_content',
        'earlier.created_at as earlier_created_at',
        'earlier.mentions as earlier_mentions',
        'earlier.mentions_all as earlier_mentions_all',
      ])
      .where('me.conversation_id', '=', p.conversationId)
      .where('me.user_id', '=', p.senderId),
);

/** Every current member of a group conversation: who sees its messages. */
const groupAudienceQuery = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: { conversationId: string }) =>
    db
      .selectFrom('conversation_members')
      .select('user_id')
      .where('conversation_id', '=', p.conversationId)
      .where('left_position', 'is', null),
);

async function groupAudience(trx: Kysely<DatabaseSchema>, conversationId: string) {
  return (await groupAudienceQuery.execute(trx, { conversationId })).map((r) => r.user_id);
}

/**
 * Whether the sender may post in a group now.
 * @throws ApiError 403 `conversation.disabled` (dismissed), `group.member_muted`,
 *   `group.muted_all` (a plain member while the group is muted for all).
 */
function refuseGroupSender(row: {
  group_dismissed_at: string | null;
  group_role: string | null;
  muted_all: number | null;
  muted_until: string | null;
  muted_indefinitely: number | null;
}): void {
  if (row.group_dismissed_at !== null) {
    throw new ApiError(403, 'conversation.disabled', 'This group was dismissed.');
  }
  if (row.group_role === null) {
    throw new ApiError(403, 'conversation.disabled', 'You are no longer a member of this group.');
  }
  if (row.muted_indefinitely === 1) {
    throw new ApiError(403, 'group.member_muted', 'You are muted in this group until unmuted.');
  }
  if (row.muted_until !== null && row.muted_until > nowIso()) {
    throw new ApiError(
      403,
      'group.member_muted',
      `You are muted in this group until ${row.muted_until}.`,
    );
  }
  if (row.muted_all === 1 && row.group_role === 'member') {
    throw new ApiError(
      403,
      'group.muted_all',
      'The group is muted: only the owner and admins may send.',
    );
  }
}

/**
 * Whether the sender may post in a direct conversation now.
 * @throws ApiError 403 `conversation.disabled` (the peer deleted their account),
 *   `conversation.not_friends` (no longer friends), `message.blocked` (the peer blocked the sender).
 */
function refuseDirectSender(row: {
  peer_id: string | null;
  peer_deleted_at: string | null;
  friendship: string | null;
  blocked_by_peer: string | null;
}): void {
  if (row.peer_deleted_at !== null) {
    throw new ApiError(403, 'conversation.disabled', 'This user deleted their account.');
  }
  if (!row.peer_id || !row.friendship) {
    throw new ApiError(403, 'conversation.not_friends', 'You can only message friends.');
  }
  if (row.blocked_by_peer !== null) {
    throw new ApiError(403, 'message.blocked', 'This user does not accept your messages.');
  }
}

/**
 * Loads, in one query inside the sending transaction (or, for a check like typing's, outside
 * any: `trx` may be the database itself), the sender's membership, the sender, the
 * direct peer (their account, whether they are friends, whether the peer blocked the sender),
 * and the sender's earlier message with this client id.
 * @throws ApiError 404 `conversation.not_found` (no such conversation, or not a member),
 *   404 `user.not_found` (the sender's account is deleted); in a direct conversation 403
 *   `conversation.disabled` (the peer's account is deleted), `conversation.not_friends`,
 *   `message.blocked`; in a group 403 `conversation.disabled`, `group.member_muted`,
 *   `group.muted_all`.
 */
export async function loadSendContext(
  trx: Kysely<DatabaseSchema>,
  senderId: string,
  conversationId: string,
  clientMessageId: string,
): Promise<SendContext> {
  const row = await sendContextQuery.first(trx, { senderId, conversationId, clientMessageId });
  if (!row) {
    throw new ApiError(
      404,
      'conversation.not_found',
      'No such conversation, or you are not a member.',
    );
  }
  if (row.deleted_at) throw new ApiError(404, 'user.not_found', 'No user has this id.');
  if (row.type === 'direct') refuseDirectSender(row);
  if (row.type === 'group') refuseGroupSender(row);
  const { peer_id, earlier_id, earlier_conversation_id, earlier_content, earlier_created_at } = row;
  const audience =
    row.type === 'group'
      ? await groupAudience(trx, conversationId)
      : peer_id
        ? [senderId, peer_id]
        : [senderId];
  return {
    sender: {
      id: row.id,
      username: row.username,
      nickname: row.nickname,
      avatar_url: row.avatar_url,
      deleted_at: row.deleted_at,
      email: row.email,
      created_at: row.created_at,
    },
    audience,
    groupRole: row.group_role,
    earlier: earlier_id
      ? {
          id: earlier_id,
          conversation_id: earlier_conversation_id!,
          sender_id: senderId,
          client_message_id: clientMessageId,
          content: earlier_content!,
          created_at: earlier_created_at!,
          mentions: row.earlier_mentions,
          mentions_all: row.earlier_mentions_all ?? 0,
        }
      : undefined,
  };
}
