import type { Database } from '../db/openDatabase.js';
import type { Schema } from '../spec/operationTypes.js';
import { areFriends } from './friendships.js';
import { toGroupRef } from './groupViews.js';
import { type Membership, OPEN_END_SEQ } from './membership.js';
import { toMessage } from './messageViews.js';
import { findUserById } from './users.js';
import { toUserRef, userColumns } from './userViews.js';

async function messageAt(db: Database, conversationId: string, seq: number) {
  if (seq === 0) return undefined;
  return db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.sender_id')
    .selectAll('messages')
    .select(userColumns.map((c) => `users.${c} as sender_${c}` as const))
    .where('messages.conversation_id', '=', conversationId)
    .where('messages.seq', '=', seq)
    .executeTakeFirst();
}

async function unreadCount(db: Database, membership: Membership): Promise<number> {
  const row = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('conversation_id', '=', membership.id)
    .where('seq', '>', Math.max(membership.last_read_seq, membership.visible_from_seq))
    .where('seq', '<=', membership.visible_until_seq ?? OPEN_END_SEQ)
    .where('sender_id', '!=', membership.user_id)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The direct conversation's other member, and whether the two are still friends. */
async function directSide(db: Database, membership: Membership) {
  const peerRow = await db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', membership.id)
    .where('user_id', '!=', membership.user_id)
    .executeTakeFirstOrThrow();
  const [peer, friends] = await Promise.all([
    findUserById(db, peerRow.user_id),
    areFriends(db, membership.user_id, peerRow.user_id),
  ]);
  return { peer: toUserRef(peer!), group: null, disabled: !friends };
}

/** The group of a group conversation; disabled once dismissed. */
async function groupSide(db: Database, membership: Membership) {
  const group = await db
    .selectFrom('groups')
    .select(['id', 'name', 'avatar_url', 'dismissed_at'])
    .where('conversation_id', '=', membership.id)
    .executeTakeFirstOrThrow();
  const departed = membership.visible_until_seq !== null;
  return {
    peer: null,
    group: toGroupRef(group),
    disabled: group.dismissed_at !== null || departed,
  };
}

/**
 * A conversation as the caller sees it (`Conversation`): the peer (direct) or the group, the
 * last message and the unread count, both counted only from the messages the caller may see.
 */
export async function toConversation(
  db: Database,
  membership: Membership,
): Promise<Schema<'Conversation'>> {
  const until = membership.visible_until_seq ?? OPEN_END_SEQ;
  const visible = (seq: number) => (seq > membership.visible_from_seq ? Math.min(seq, until) : 0);
  const [side, last, lastRead, unread] = await Promise.all([
    membership.type === 'group' ? groupSide(db, membership) : directSide(db, membership),
    messageAt(db, membership.id, visible(membership.last_message_seq)),
    messageAt(db, membership.id, visible(membership.last_read_seq)),
    unreadCount(db, membership),
  ]);
  return {
    id: membership.id,
    type: membership.type,
    ...side,
    last_message: last ? toMessage(last, senderOf(last)) : null,
    unread_count: unread,
    last_read_message_id: lastRead?.id ?? null,
    created_at: membership.created_at,
    updated_at: membership.updated_at,
  };
}

type SenderColumns = { [C in (typeof userColumns)[number] as `sender_${C}`]: unknown };

/** Extracts the `sender_*` columns of a joined message row. */
export function senderOf(row: SenderColumns) {
  return {
    id: row.sender_id as string,
    username: row.sender_username as string,
    nickname: row.sender_nickname as string | null,
    avatar_url: row.sender_avatar_url as string | null,
    deleted_at: row.sender_deleted_at as string | null,
    email: row.sender_email as string | null,
    created_at: row.sender_created_at as string,
  };
}
