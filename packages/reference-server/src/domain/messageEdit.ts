import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { canonicalJson } from './canonicalJson.js';
import { nowIso } from './clock.js';
import { memberIds } from './membership.js';
import { checkMentions } from './mentions.js';
import { conversationOfMessage, findActionableMessage } from './messageAccess.js';
import { messagesForCaller } from './messageCallerViews.js';
import { toMessage } from './messageViews.js';
import { refreshReplyPreviews } from './replyPreviews.js';
import type { Services } from './Services.js';

/** How long after sending a text message may be edited: 24 hours, in milliseconds. */
export const EDIT_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Replaces the text (and, when given, the mentions) of the caller's text message within 24 hours
 * of sending (operation `editMessage`). The message gets `edited_at`; the original text is not
 * kept; quotes of it in replies follow. Mentions are checked as on send (members only, @all only
 * by a group owner or admin); without `mentions` the message keeps the ones it had. Members get
 * `message.updated`.
 * @returns the message as it is now, as the caller sees it.
 * @throws ApiError 404 `message.not_found`, 403 `message.not_sender`, 409 `message.not_editable`
 *   (not text, or a tombstone), 409 `message.edit_window_passed`, 422 `validation.failed` and 403
 *   `message.mention_all_forbidden` (mentions).
 */
export async function editMessage(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  messageId: string,
  body: OperationBody<'editMessage'>,
): Promise<Schema<'Message'>> {
  const conversationId = await conversationOfMessage(services.db, messageId);
  return services.work(async (trx, emit) => {
    const found = await findActionableMessage(trx, messageId, callerId);
    const { row } = found;
    if (row.sender_id !== callerId) {
      throw new ApiError(403, 'message.not_sender', 'Only the sender may edit a message.');
    }
    if ((JSON.parse(row.content) as { type: string }).type !== 'text') {
      throw new ApiError(409, 'message.not_editable', 'Only text messages can be edited.');
    }
    if (Date.now() - Date.parse(row.created_at) > EDIT_WINDOW_MS) {
      throw new ApiError(
        409,
        'message.edit_window_passed',
        'Messages can be edited within 24 hours of sending.',
      );
    }
    const members = await memberIds(trx, conversationId);
    const at = nowIso();
    const changes = {
      content: canonicalJson(body.content),
      edited_at: at,
      changed_at: at,
      ...(body.mentions ? mentionColumns(body.mentions, members, found.callerRole) : {}),
    };
    await trx.updateTable('messages').set(changes).where('id', '=', messageId).execute();
    if (body.mentions) {
      const userIds = changes.mentions ? body.mentions.user_ids : [];
      await replaceMentionRows(trx, conversationId, row.seq, userIds);
    }
    const updated = { ...row, ...changes };
    await refreshReplyPreviews(trx, updated, found.sender, at);
    emit({
      event: { type: 'message.updated', data: toMessage(updated, found.sender) },
      conversationId,
      audience: members,
    });
    const [message] = await messagesForCaller(trx, callerId, found.conversationType, [
      { row: updated, sender: found.sender },
    ]);
    return message!;
  }, conversationId);
}

/** The stored mention columns of an edit's `mentions`, checked as on send. */
function mentionColumns(
  mentions: Schema<'Mentions'>,
  members: readonly string[],
  role: string | null,
): { mentions: string | null; mentions_all: number } {
  const checked = checkMentions(mentions, members, role);
  return { mentions: checked.json, mentions_all: checked.all };
}

/** Replaces the `message_mentions` rows of the message at `seq` with `userIds`. */
async function replaceMentionRows(
  trx: Transaction<DatabaseSchema>,
  conversationId: string,
  seq: number,
  userIds: readonly string[],
): Promise<void> {
  await trx
    .deleteFrom('message_mentions')
    .where('conversation_id', '=', conversationId)
    .where('seq', '=', seq)
    .execute();
  if (userIds.length === 0) return;
  await trx
    .insertInto('message_mentions')
    .values(userIds.map((user_id) => ({ user_id, conversation_id: conversationId, seq })))
    .execute();
}
