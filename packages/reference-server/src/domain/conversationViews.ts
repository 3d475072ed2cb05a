import type { Database } from '../db/openDatabase.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { isHidden } from './conversationHiding.js';
import { settingsFields } from './conversationSettingViews.js';
import { toGroupRef } from './groupViews.js';
import { type Membership, OPEN_END_SEQ } from './membership.js';
import { notHiddenFor } from './messageHides.js';
import { toMessage } from './messageViews.js';
import { unreadMessages } from './unreadMessages.js';
import { toUserRef, userColumns } from './userViews.js';

/** The last `seq` a membership sees of the conversation (its departure, or no end). */
const lastVisible = (m: Membership) => m.visible_until_seq ?? OPEN_END_SEQ;

/** `seq` if the membership may see that message, else 0 (no message). */
function visibleSeq(m: Membership, seq: number): number {
  return seq > m.visible_from_seq ? Math.min(seq, lastVisible(m)) : 0;
}

/** Messages with their senders' columns (`sender_*`), for {@link senderOf}. */
function messagesWithSenders(db: Database) {
  return db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.sender_id')
    .selectAll('messages')
    .select(userColumns.map((c) => `users.${c} as sender_${c}` as const));
}

/** The messages at the given (conversation, seq) pairs, with their senders, in one query. */
async function messagesAt(db: Database, pairs: { conversationId: string; seq: number }[]) {
  const wanted = pairs.filter((p) => p.seq > 0);
  if (wanted.length === 0) return [];
  return messagesWithSenders(db)
    .where((eb) =>
      eb.or(
        wanted.map((p) =>
          eb.and([
            eb('messages.conversation_id', '=', p.conversationId),
            eb('messages.seq', '=', p.seq),
          ]),
        ),
      ),
    )
    .execute();
}

/** Which of `messageIds` the caller deleted for themselves (`deleteMessageForMe`). */
async function hiddenAmong(db: Database, callerId: string, messageIds: string[]) {
  if (messageIds.length === 0) return new Set<string>();
  const rows = await db
    .selectFrom('message_hides')
    .select('message_id')
    .where('user_id', '=', callerId)
    .where('message_id', 'in', messageIds)
    .execute();
  return new Set(rows.map((r) => r.message_id));
}

/**
 * The newest message of a conversation the member may see and did not delete for themselves:
 * the last message shown when the newest one is hidden (rare, so one query each).
 */
async function newestShown(db: Database, m: Membership) {
  return messagesWithSenders(db)
    .where('messages.conversation_id', '=', m.id)
    .where('messages.seq', '>', m.visible_from_seq)
    .where('messages.seq', '<=', lastVisible(m))
    .where(notHiddenFor(m.user_id, 'messages.id'))
    .orderBy('messages.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * Per conversation: messages from others the caller has not read, and how many of those
 * mention the caller (by name or @all), counted from read positions within what the caller may
 * see. One query for all the conversations.
 */
async function unreadCounts(db: Database, callerId: string, conversationIds: string[]) {
  if (conversationIds.length === 0) return new Map<string, { unread: number; mentions: number }>();
  const rows = await unreadMessages(db, callerId)
    .select('m.conversation_id')
    .where('m.conversation_id', 'in', conversationIds)
    .groupBy('m.conversation_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.conversation_id,
      { unread: Number(r.unread), mentions: Number(r.mentions ?? 0) },
    ]),
  );
}

/**
 * The peer of each direct conversation, and whether it is disabled: the two are no longer
 * friends, or the peer deleted their account (sending is refused in both cases).
 */
async function directSides(db: Database, callerId: string, conversationIds: string[]) {
  const sides = new Map<string, { peer: Schema<'UserRef'>; disabled: boolean }>();
  if (conversationIds.length === 0) return sides;
  const peers = await db
    .selectFrom('conversation_members as cm')
    .innerJoin('users', 'users.id', 'cm.user_id')
    .leftJoin('friendships as f', (join) =>
      join.onRef('f.friend_id', '=', 'cm.user_id').on('f.user_id', '=', callerId),
    )
    .select('cm.conversation_id')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select('f.user_id as friendship')
    .where('cm.conversation_id', 'in', conversationIds)
    .where('cm.user_id', '!=', callerId)
    .execute();
  for (const row of peers) {
    const disabled = row.friendship === null || row.deleted_at !== null;
    sides.set(row.conversation_id, { peer: toUserRef(row), disabled });
  }
  return sides;
}

/** The group of each group conversation. */
async function groupsOf(db: Database, conversationIds: string[]) {
  if (conversationIds.length === 0)
    return new Map<
      string,
      { id: string; name: string; avatar_url: string | null; dismissed_at: string | null }
    >();
  const rows = await db
    .selectFrom('groups')
    .select(['id', 'name', 'avatar_url', 'dismissed_at', 'conversation_id'])
    .where('conversation_id', 'in', conversationIds)
    .execute();
  return new Map(rows.map((r) => [r.conversation_id, r]));
}

/**
 * Conversations as the caller sees them (`Conversation`): the peer (direct) or the group, the
 * last message (skipping those the caller deleted for themselves), unread and mention counts,
 * counted only within the messages the caller may see, and the caller's own settings (pinned,
 * muted, marked unread, hidden). A constant number of queries whatever the number of
 * conversations (operation `listConversations` shows up to 100 per page), plus one for each
 * conversation whose newest message the caller deleted for themselves.
 * @param memberships the caller's membership rows, in the order to return.
 */
export async function toConversations(
  db: Database,
  memberships: Membership[],
): Promise<Schema<'Conversation'>[]> {
  if (memberships.length === 0) return [];
  const callerId = memberships[0]!.user_id;
  const ids = memberships.map((m) => m.id);
  const direct = memberships.filter((m) => m.type === 'direct').map((m) => m.id);
  const grouped = memberships.filter((m) => m.type === 'group').map((m) => m.id);
  const pairs = memberships.flatMap((m) => [
    { conversationId: m.id, seq: visibleSeq(m, m.last_message_seq) },
    { conversationId: m.id, seq: visibleSeq(m, m.last_read_seq) },
  ]);
  const [messages, counts, directs, groups] = await Promise.all([
    messagesAt(db, pairs),
    unreadCounts(db, callerId, ids),
    directSides(db, callerId, direct),
    groupsOf(db, grouped),
  ]);
  const now = nowIso();
  const messageAt = (conversationId: string, seq: number) =>
    messages.find((m) => m.conversation_id === conversationId && m.seq === seq);
  const newest = new Map(
    memberships.map((m) => [m.id, messageAt(m.id, visibleSeq(m, m.last_message_seq))]),
  );
  const hidden = await hiddenAmong(
    db,
    callerId,
    [...newest.values()].flatMap((message) => (message ? [message.id] : [])),
  );
  for (const m of memberships) {
    const message = newest.get(m.id);
    if (message && hidden.has(message.id)) newest.set(m.id, await newestShown(db, m));
  }
  return memberships.map((m) => {
    const last = newest.get(m.id);
    const lastRead = messageAt(m.id, visibleSeq(m, m.last_read_seq));
    const count = counts.get(m.id) ?? { unread: 0, mentions: 0 };
    const group = groups.get(m.id);
    const side =
      m.type === 'group' && group
        ? {
            peer: null,
            group: toGroupRef(group),
            disabled: group.dismissed_at !== null || m.visible_until_seq !== null,
          }
        : { group: null, ...(directs.get(m.id) ?? { peer: null, disabled: true }) };
    return {
      id: m.id,
      type: m.type,
      ...side,
      last_message: last ? toMessage(last, senderOf(last)) : null,
      unread_count: count.unread,
      unread_mention_count: count.mentions,
      last_read_message_id: lastRead?.id ?? null,
      created_at: m.created_at,
      updated_at: m.updated_at,
      ...settingsFields(m, now),
      hidden: isHidden(m),
    };
  });
}

/** One conversation as the caller sees it (see {@link toConversations}). */
export async function toConversation(
  db: Database,
  membership: Membership,
): Promise<Schema<'Conversation'>> {
  const [conversation] = await toConversations(db, [membership]);
  return conversation!;
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
