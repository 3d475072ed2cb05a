import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { listedMembership } from './conversationHiding.js';
import { OPEN_END_SEQ } from './membership.js';
import { unreadMessages } from './unreadMessages.js';

/** Every badge count stops here (the spec's `maximum`). */
export const UNREAD_COUNT_CAP = 9999;

const cap = (n: unknown) => Math.min(Number(n ?? 0), UNREAD_COUNT_CAP);

/**
 * How many join requests and invitations wait, `pending`, in the groups the user owns or
 * administers, not dismissed ones: what `listGroupJoinRequests` and `listGroupInvitations`
 * show them to review. Two scalar subqueries for the one statement of {@link getUnreadCounts}.
 */
function toReview(db: Kysely<DatabaseSchema>, userId: string) {
  const reviewedGroups = db
    .selectFrom('group_members as me')
    .innerJoin('groups as g', 'g.id', 'me.group_id')
    .select('me.group_id')
    .where('me.user_id', '=', userId)
    .where('me.role', 'in', ['owner', 'admin'])
    .where('g.dismissed_at', 'is', null);
  return {
    joinRequests: db
      .selectFrom('group_join_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'pending')
      .where('group_id', 'in', reviewedGroups),
    invitations: db
      .selectFrom('group_invitations')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'pending')
      .where('group_id', 'in', reviewedGroups),
  };
}

/**
 * How many of the user's conversations are marked unread (`updateConversationSettings`) while
 * holding no unread message: they count as conversations waiting, besides those with unread
 * messages. A scalar subquery for {@link getUnreadCounts}.
 */
function markedOnly(db: Kysely<DatabaseSchema>, userId: string) {
  return db
    .selectFrom('conversation_members as mu')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('mu.user_id', '=', userId)
    .where('mu.marked_unread', '=', 1)
    .where(listedMembership('mu'))
    .where(({ not, exists, selectFrom, ref, fn, val }) =>
      not(
        exists(
          selectFrom('messages as um')
            .select('um.seq')
            .whereRef('um.conversation_id', '=', 'mu.conversation_id')
            .where('um.sender_id', '!=', userId)
            .whereRef('um.seq', '>', 'mu.last_read_seq')
            .whereRef('um.seq', '>', 'mu.visible_from_seq')
            .where('um.seq', '<=', fn.coalesce(ref('mu.visible_until_seq'), val(OPEN_END_SEQ))),
        ),
      ),
    );
}

/**
 * Everything waiting for a user, for badges (operation `getUnreadCounts`), in one query
 * whatever the number of conversations: unread messages come from each conversation's read
 * position (`last_read_seq`) and the span of history the user may see (as `unread_count` in
 * `listConversations`: others' messages after the read position, from `visible_from_seq` up
 * to `visible_until_seq` for a member who left), never from per-message read rows, and
 * `mentions` are those of them that mention the user by name or @all (as
 * `unread_mention_count`); pending friend requests received; pending join requests and
 * invitations in the groups the user owns or administers; unread entries of the group event
 * feed. `messages` leaves out the conversations the user muted (a timed mute that ended is no
 * mute); `conversations` counts those with unread messages, muted or not, and those the user
 * marked unread. Conversations the user hid count for nothing until they are listed again
 * (see {@link listedMembership}), so the badges agree with `listConversations`. Each count stops
 * at 9999.
 * @param db the database, or a transaction.
 * @param userId whose counts.
 */
export async function getUnreadCounts(
  db: Kysely<DatabaseSchema>,
  userId: string,
): Promise<Schema<'UnreadCounts'>> {
  const review = toReview(db, userId);
  const now = nowIso();
  const row = await unreadMessages(db, userId)
    .where(listedMembership('cm'))
    .select((eb) => [
      eb.fn
        .sum<number | null>(
          eb
            .case()
            .when(
              eb.and([
                eb('cm.muted', '=', 1),
                eb.or([eb('cm.muted_until', 'is', null), eb('cm.muted_until', '>', now)]),
              ]),
            )
            .then(0)
            .else(1)
            .end(),
        )
        .as('unmuted'),
      eb.fn.count('m.conversation_id').distinct().as('conversations'),
      markedOnly(db, userId).as('marked_only'),
      eb
        .selectFrom('friend_requests')
        .select(eb.fn.countAll().as('n'))
        .where('to_user_id', '=', userId)
        .where('status', '=', 'pending')
        .as('friend_requests'),
      review.joinRequests.as('group_join_requests'),
      review.invitations.as('group_invitations'),
      eb
        .selectFrom('group_events')
        .select(eb.fn.countAll().as('n'))
        .where('user_id', '=', userId)
        .where('is_read', '=', 0)
        .as('group_events'),
    ])
    .executeTakeFirstOrThrow();
  return {
    messages: cap(row.unmuted),
    conversations: cap(Number(row.conversations) + Number(row.marked_only ?? 0)),
    mentions: cap(row.mentions),
    friend_requests: cap(row.friend_requests),
    group_join_requests: cap(row.group_join_requests),
    group_invitations: cap(row.group_invitations),
    group_events: cap(row.group_events),
  };
}
