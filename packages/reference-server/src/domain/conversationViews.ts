import type { Database } from '../db/openDatabase.js';
import type { Schema } from '../spec/operationTypes.js';
import { areFriends } from './friendships.js';
import type { Membership } from './membership.js';
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
    .where('seq', '>', membership.last_read_seq)
    .where('sender_id', '!=', membership.user_id)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A conversation as the caller sees it (`Conversation`): peer, last message, unread count. */
export async function toConversation(
  db: Database,
  membership: Membership,
): Promise<Schema<'Conversation'>> {
  const peerRow = await db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', membership.id)
    .where('user_id', '!=', membership.user_id)
    .executeTakeFirstOrThrow();
  const [peer, last, lastRead, unread, friends] = await Promise.all([
    findUserById(db, peerRow.user_id),
    messageAt(db, membership.id, membership.last_message_seq),
    messageAt(db, membership.id, membership.last_read_seq),
    unreadCount(db, membership),
    areFriends(db, membership.user_id, peerRow.user_id),
  ]);
  return {
    id: membership.id,
    type: membership.type,
    peer: toUserRef(peer!),
    last_message: last ? toMessage(last, senderOf(last)) : null,
    unread_count: unread,
    last_read_message_id: lastRead?.id ?? null,
    disabled: !friends,
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
