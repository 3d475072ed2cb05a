import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { OPEN_END_SEQ, requireMembership } from './membership.js';
import { joinedMessagesForCaller } from './messageCallerViews.js';
import { notHiddenFor } from './messageHides.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';
import { userColumns } from './userViews.js';

const LIST = 'messages';

type PageArgs = {
  conversationId: string;
  callerId: string;
  limit: number;
  visibleFrom: number;
  visibleUntil: number;
  seq: number;
};

/**
 * Messages of a conversation the caller may see (within their membership, not deleted for
 * themselves), with their senders joined, in one query.
 */
function pageQuery(db: Kysely<DatabaseSchema>, p: Omit<PageArgs, 'seq'>) {
  return db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.sender_id')
    .selectAll('messages')
    .select(userColumns.map((c) => `users.${c} as sender_${c}` as const))
    .where('messages.conversation_id', '=', p.conversationId)
    .where('messages.seq', '>', p.visibleFrom)
    .where('messages.seq', '<=', p.visibleUntil)
    .where(notHiddenFor(p.callerId, 'messages.id'))
    .limit(p.limit);
}

/** The three page shapes, each compiled once: newest, before a cursor, after a cursor. */
const newestPage = new ReusableQuery((db: Kysely<DatabaseSchema>, p: Omit<PageArgs, 'seq'>) =>
  pageQuery(db, p).orderBy('messages.seq', 'desc'),
);
const pageBefore = new ReusableQuery((db: Kysely<DatabaseSchema>, p: PageArgs) =>
  pageQuery(db, p).where('messages.seq', '<', p.seq).orderBy('messages.seq', 'desc'),
);
const pageAfter = new ReusableQuery((db: Kysely<DatabaseSchema>, p: PageArgs) =>
  pageQuery(db, p).where('messages.seq', '>', p.seq).orderBy('messages.seq', 'asc'),
);

/**
 * A page of a conversation's messages (operation `listMessages`): the newest page, or the
 * page just before / after a cursor. Items are oldest first; `next_cursor` keeps the direction.
 * Messages the caller deleted for themselves are left out; recalled and deleted-for-everyone
 * ones are their tombstones. Each message carries what the caller sees of it (reactions, and the
 * read state of the caller's own messages: see {@link messagesForCaller}).
 * @throws ApiError 404 `conversation.not_found`; 422 when both `before` and `after` are given;
 *   422 `cursor.invalid` for a cursor not issued for this conversation's messages.
 */
export async function listMessages(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  conversationId: string,
  query: OperationQuery<'listMessages'>,
): Promise<Schema<'MessagePage'>> {
  const membership = await requireMembership(db, conversationId, callerId);
  if (query.before && query.after) {
    throw new ApiError(422, 'validation.failed', 'Use either before or after, not both.', {
      errors: [
        { pointer: '/query/after', detail: 'cannot be combined with before', keyword: 'not' },
      ],
    });
  }
  const limit = pageSize(query.limit);
  const scope = `${LIST}:${conversationId}`;
  const cursorSeq = (cursor: string, parameter: string) =>
    Number(cursors.decode(scope, cursor, parameter, 1)[0]);
  const forward = query.after !== undefined;
  const args = {
    conversationId,
    callerId,
    limit: limit + 1,
    visibleFrom: membership.visible_from_seq,
    // A member who left sees, read-only, what came before; a member sees everything since.
    visibleUntil: membership.visible_until_seq ?? OPEN_END_SEQ,
  };
  const found = query.after
    ? await pageAfter.execute(db, { ...args, seq: cursorSeq(query.after, 'after') })
    : query.before
      ? await pageBefore.execute(db, { ...args, seq: cursorSeq(query.before, 'before') })
      : await newestPage.execute(db, args);
  const { rows, hasMore } = takePage(found, limit);
  const edge = rows.at(-1);
  if (!forward) rows.reverse();
  return {
    items: await joinedMessagesForCaller(db, callerId, membership.type, rows),
    has_more: hasMore,
    next_cursor: hasMore && edge ? cursors.encode(scope, [edge.seq]) : null,
  };
}
