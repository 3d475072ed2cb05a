import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { OPEN_END_SEQ } from './membership.js';
import { notHiddenFor } from './messageHides.js';

/**
 * A user's unread messages, counted: others' messages after the user's read position
 * (`last_read_seq`) within the span of history the user may see (after `visible_from_seq`, up
 * to `visible_until_seq` for a member who left), as `unread`, and how many of them mention the
 * user by name or @all, as `mentions` (null when there are none). Messages the user deleted for
 * themselves (`message_hides`) do not count. Messages are `m`, the user's
 * membership rows `cm`; callers add grouping or more columns. Counting from read positions, it
 * never reads per-message read rows. Used by `listConversations` (per conversation) and
 * `getUnreadCounts` (in total).
 * @param db the database, or a transaction.
 */
export function unreadMessages(db: Kysely<DatabaseSchema>, userId: string) {
  return db
    .selectFrom('conversation_members as cm')
    .innerJoin('messages as m', 'm.conversation_id', 'cm.conversation_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('unread'),
      eb.fn
        .sum<number | null>(
          eb
            .case()
            .when(
              eb.or([
                eb('m.mentions_all', '=', 1),
                eb.exists(
                  eb
                    .selectFrom('message_mentions as mm')
                    .select('mm.seq')
                    .where('mm.user_id', '=', userId)
                    .whereRef('mm.conversation_id', '=', 'm.conversation_id')
                    .whereRef('mm.seq', '=', 'm.seq'),
                ),
              ]),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('mentions'),
    ])
    .where('cm.user_id', '=', userId)
    .where('m.sender_id', '!=', userId)
    .whereRef('m.seq', '>', 'cm.last_read_seq')
    .whereRef('m.seq', '>', 'cm.visible_from_seq')
    .where((eb) => eb('m.seq', '<=', eb.fn.coalesce('cm.visible_until_seq', eb.val(OPEN_END_SEQ))))
    .where(notHiddenFor(userId, 'm.id'));
}
