import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { replyPreviewJson } from './replyPreview.js';
import type { UserRow } from './userViews.js';

/**
 * After a message changed (edit, recall, deletion for everyone), rewrites the `reply_to` preview
 * of every reply to it and marks those replies changed, so lists and realtime replays show the
 * quote as it is now (a recalled message's text must not survive in a quote). One indexed
 * update (`messages_replies`).
 * @param target the changed message: its id and new stored content.
 */
export async function refreshReplyPreviews(
  trx: Transaction<DatabaseSchema>,
  target: { id: string; content: string; reply_count?: number },
  sender: UserRow,
  at: string,
): Promise<void> {
  if (!target.reply_count) return;
  await trx
    .updateTable('messages')
    .set({ reply_to: replyPreviewJson(target, sender), changed_at: at })
    .where('reply_to_message_id', '=', target.id)
    .execute();
}
