import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { listedMembership } from './conversationHiding.js';
import { toConversation, toConversations } from './conversationViews.js';
import { areFriends } from './friendships.js';
import { newId } from './ids.js';
import { memberships, requireMembership } from './membership.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { requireUser } from './users.js';

const LIST = 'conversations';

/** The key that makes the direct conversation of a pair unique, whatever the order. */
function directKey(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * Gets or creates the direct conversation between the caller and a friend (operation
 * `openDirectConversation`).
 * @returns the conversation and whether this call created it.
 * @throws ApiError 404 `user.not_found`, 403 `conversation.not_friends`.
 */
export async function openDirectConversation(
  services: Services,
  callerId: string,
  peerId: string,
): Promise<{ conversation: Schema<'Conversation'>; created: boolean }> {
  const peer = await requireUser(services.db, peerId);
  if (!(await areFriends(services.db, callerId, peerId))) {
    throw new ApiError(
      403,
      'conversation.not_friends',
      `You can only start a direct conversation with a friend; ${peer.username} is not one.`,
    );
  }
  const key = directKey(callerId, peerId);
  const { id, created } = await services.work(async (trx) => {
    const existing = await trx
      .selectFrom('conversations')
      .select('id')
      .where('direct_key', '=', key)
      .executeTakeFirst();
    if (existing) return { id: existing.id, created: false };
    const now = nowIso();
    const conversationId = newId();
    await trx
      .insertInto('conversations')
      .values({
        id: conversationId,
        type: 'direct',
        direct_key: key,
        last_message_seq: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .insertInto('conversation_members')
      .values(
        [callerId, peerId].map((user_id) => ({
          conversation_id: conversationId,
          user_id,
          last_read_seq: 0,
          joined_at: now,
        })),
      )
      .execute();
    return { id: conversationId, created: true };
  });
  return { conversation: await getConversation(services.db, callerId, id), created };
}

/**
 * One conversation of the caller (operation `getConversation`).
 * @throws ApiError 404 `conversation.not_found`.
 */
export async function getConversation(
  db: Database,
  callerId: string,
  conversationId: string,
): Promise<Schema<'Conversation'>> {
  return toConversation(db, await requireMembership(db, conversationId, callerId));
}

/**
 * The caller's conversations (operation `listConversations`): pinned ones first, then by most
 * recent activity; a conversation the caller hid (`hideConversation`) is left out until a
 * message they may see comes after the moment they hid it. The cursor holds the three sort keys
 * (pinned, activity time, id), so paging stays exact across the pinned/unpinned boundary.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller's list.
 */
export async function listConversations(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listConversations'>,
): Promise<Schema<'ConversationPage'>> {
  const limit = pageSize(query.limit);
  let select = memberships(db)
    .where('conversation_members.user_id', '=', callerId)
    .where(listedMembership('conversation_members'));
  if (query.after) {
    const [pinned, at, id] = cursors.decode(`${LIST}:${callerId}`, query.after, 'after', 3);
    select = select.where((eb) =>
      eb.or([
        eb('conversation_members.pinned', '<', Number(pinned)),
        eb.and([
          eb('conversation_members.pinned', '=', Number(pinned)),
          eb.or([
            eb('conversations.updated_at', '<', String(at)),
            eb.and([
              eb('conversations.updated_at', '=', String(at)),
              eb('conversations.id', '<', String(id)),
            ]),
          ]),
        ]),
      ]),
    );
  }
  const found = await select
    .orderBy('conversation_members.pinned', 'desc')
    .orderBy('conversations.updated_at', 'desc')
    .orderBy('conversations.id', 'desc')
    .limit(limit + 1)
    .execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  return {
    items: await toConversations(db, rows),
    has_more: hasMore,
    next_cursor:
      hasMore && last
        ? cursors.encode(`${LIST}:${callerId}`, [last.pinned, last.updated_at, last.id])
        : null,
  };
}
