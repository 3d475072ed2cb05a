import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { canonicalJson } from './canonicalJson.js';
import { nowIso } from './clock.js';
import { memberIds } from './membership.js';
import type { AccessibleMessage } from './messageAccess.js';
import { messagesForCaller } from './messageCallerViews.js';
import { toMessage } from './messageViews.js';
import { refreshReplyPreviews } from './replyPreviews.js';
import type { Emit } from './unitOfWork.js';

/** Why a message became a tombstone (`TombstoneContent.reason`). */
export type TombstoneReason = 'recalled' | 'deleted';

/**
 * Replaces a message with its tombstone for every member, inside the running unit of work
 * (operations `recallMessage` and `deleteMessageForEveryone`): the content becomes
 * `TombstoneContent` (in place, so search follows), its mentions, `ext` and reactions go, quotes
 * of it in replies show the tombstone, and members get `message.recalled` or `message.deleted`
 * with the tombstone. The message keeps its place (`seq`), so replies and read positions stay valid.
 * @param byUserId who recalled or deleted it.
 * @returns the tombstone as the caller sees it.
 */
export async function writeTombstone(
  trx: Transaction<DatabaseSchema>,
  emit: Emit,
  found: AccessibleMessage,
  reason: TombstoneReason,
  byUserId: string,
): Promise<Schema<'Message'>> {
  const { row } = found;
  const at = nowIso();
  const tombstone: Schema<'TombstoneContent'> = {
    type: 'tombstone',
    reason,
    by_user_id: byUserId,
    at,
  };
  const changes = {
    content: canonicalJson(tombstone),
    mentions: null,
    mentions_all: 0,
    ext: null,
    changed_at: at,
  };
  await trx.updateTable('messages').set(changes).where('id', '=', row.id).execute();
  await trx
    .deleteFrom('message_mentions')
    .where('conversation_id', '=', row.conversation_id)
    .where('seq', '=', row.seq)
    .execute();
  await trx.deleteFrom('message_reactions').where('message_id', '=', row.id).execute();
  const updated = { ...row, ...changes };
  await refreshReplyPreviews(trx, updated, found.sender, at);
  emit({
    event: {
      type: reason === 'recalled' ? 'message.recalled' : 'message.deleted',
      data: toMessage(updated, found.sender),
    },
    conversationId: row.conversation_id,
    audience: await memberIds(trx, row.conversation_id),
  });
  const [message] = await messagesForCaller(trx, byUserId, found.conversationType, [
    { row: updated, sender: found.sender },
  ]);
  return message!;
}
