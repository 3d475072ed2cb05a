import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { OPEN_END_SEQ, requireMembership } from './membership.js';
import { joinedMessagesForCaller } from './messageCallerViews.js';
import { notHiddenFor } from './messageHides.js';
import {
  containsIgnoringCase,
  contentTypeOf,
  inConversation,
  newestFirst,
  textContains,
  trigramRow,
  trigramRowsBefore,
  trigramTable,
  usesTrigramTable,
} from './messageSearchIndex.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { userColumns } from './userViews.js';

/** What a search looks for, once checked: every filter optional, combined with AND. */
export interface MessageSearch {
  conversationId: string;
  /** Whose history: their hidden (deleted-for-me) messages are left out. */
  callerId: string;
  /** The span of `seq` the caller may see: after `visibleFrom`, up to `visibleUntil`. */
  visibleFrom: number;
  visibleUntil: number;
  /** Text the message's text contains, ignoring case. */
  q?: string | undefined;
  senderId?: string | undefined;
  /** Part of the sender's username, nickname or nickname in the conversation's group. */
  senderName?: string | undefined;
  /** ISO 8601 bounds on `created_at`: at or after `since`, before `until`. */
  since?: string | undefined;
  until?: string | undefined;
  /** A `MessageType`. */
  type?: string | undefined;
  /** Only messages before this `seq` (the page after a cursor). */
  beforeSeq?: number | undefined;
  /** Rows to read (a page and one more). */
  limit: number;
}

/**
 * The query of one search page: the conversation's messages the caller may see (within their
 * span of history, not deleted for them, not tombstones of recalled or deleted messages) that
 * pass every filter, newest first, with their senders joined. The conversation's messages are
 * reached through its primary key (`conversation_id`, `seq`) or, for text, through the search
 * index ({@link textContains}); never by reading the whole table.
 */
export function messageSearchQuery(db: Kysely<DatabaseSchema>, s: MessageSearch) {
  let query = db
    .selectFrom('messages as m')
    .$if(usesTrigramTable(db, s.q), (qb) =>
      qb.innerJoin(trigramTable(), (join) => join.on(trigramRow)),
    )
    .innerJoin('users', 'users.id', 'm.sender_id')
    .selectAll('m')
    .select(userColumns.map((c) => `users.${c} as sender_${c}` as const))
    .where(inConversation(db, s.conversationId, s.q))
    .where('m.seq', '>', s.visibleFrom)
    .where('m.seq', '<=', s.visibleUntil)
    .where(contentTypeOf(db), '!=', 'tombstone')
    .where(notHiddenFor(s.callerId, 'm.id'));
  if (s.beforeSeq !== undefined) {
    query = query.where('m.seq', '<', s.beforeSeq);
    if (usesTrigramTable(db, s.q))
      query = query.where(trigramRowsBefore(s.conversationId, s.beforeSeq));
  }
  if (s.q !== undefined) query = query.where(textContains(db, s.conversationId, s.q));
  if (s.senderId !== undefined) query = query.where('m.sender_id', '=', s.senderId);
  if (s.senderName !== undefined) {
    const name = s.senderName;
    // Senders are read from the conversation's membership rows (kept for those who left), so the
    // name is matched against its members only, never against every user of the server.
    query = query.where('m.sender_id', 'in', (eb) =>
      eb
        .selectFrom('conversation_members as cm')
        .innerJoin('users as u', 'u.id', 'cm.user_id')
        .select('cm.user_id')
        .where('cm.conversation_id', '=', s.conversationId)
        .where((w) =>
          w.or([
            containsIgnoringCase(db, 'u.username', name),
            containsIgnoringCase(db, 'u.nickname', name),
            w.exists(
              w
                .selectFrom('group_members as gm')
                .innerJoin('groups as g', 'g.id', 'gm.group_id')
                .select('gm.user_id')
                .whereRef('gm.user_id', '=', 'u.id')
                .where('g.conversation_id', '=', s.conversationId)
                .where(containsIgnoringCase(db, 'gm.nickname', name)),
            ),
          ]),
        ),
    );
  }
  if (s.since !== undefined) query = query.where('m.created_at', '>=', s.since);
  if (s.until !== undefined) query = query.where('m.created_at', '<', s.until);
  if (s.type !== undefined) query = query.where(contentTypeOf(db), '=', s.type);
  return query.orderBy(newestFirst(db, s.q), 'desc').limit(s.limit);
}

/** A `date-time` query parameter as the server stores times (UTC, milliseconds, `Z`). */
function storedTime(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString();
}

/**
 * Searches a conversation's messages (operation `searchMessages`): text (`q`, in text messages,
 * ignoring case), sender by id or by part of their username or nickname, a time range and a
 * content type, combined. Only what the caller may see: their span of the history (a cleared
 * history, or a group they left, bounds it), without the messages they deleted for themselves
 * or the tombstones of recalled and deleted ones. Newest first, paged with a signed cursor that
 * is valid only for the same caller, conversation and filters. Each message carries what the
 * caller sees of it, as in `listMessages` (reactions, read state of their own messages).
 * @throws ApiError 404 `conversation.not_found` (no such conversation, or not a member, ever);
 *   422 `validation.failed` when `until` is not after `since`; 422 `cursor.invalid`.
 */
export async function searchMessages(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  conversationId: string,
  query: OperationQuery<'searchMessages'>,
): Promise<Schema<'MessagePage'>> {
  const membership = await requireMembership(db, conversationId, callerId);
  const since = storedTime(query.since);
  const until = storedTime(query.until);
  if (since !== undefined && until !== undefined && until <= since) {
    throw new ApiError(422, 'validation.failed', 'until must be later than since.', {
      errors: [{ pointer: '/query/until', detail: 'is not later than since', keyword: 'minimum' }],
    });
  }
  const filters = {
    q: query.q,
    senderId: query.sender_id,
    senderName: query.sender_name,
    since,
    until,
    type: query.type,
  };
  const scope = `search:${conversationId}:${callerId}:${JSON.stringify(filters)}`;
  const limit = pageSize(query.limit);
  const found = await messageSearchQuery(db, {
    ...filters,
    conversationId,
    callerId,
    visibleFrom: membership.visible_from_seq,
    visibleUntil: membership.visible_until_seq ?? OPEN_END_SEQ,
    beforeSeq: query.after ? Number(cursors.decode(scope, query.after, 'after', 1)[0]) : undefined,
    limit: limit + 1,
  }).execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  return {
    items: await joinedMessagesForCaller(db, callerId, membership.type, rows),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(scope, [last.seq]) : null,
  };
}
