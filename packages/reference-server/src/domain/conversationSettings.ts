import type { Transaction, Updateable } from 'kysely';
import type { ConversationMembersTable, DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { toConversationSettings } from './conversationSettingViews.js';
import { toConversation } from './conversationViews.js';
import { OPEN_END_SEQ, requireMembership } from './membership.js';
import type { Services } from './Services.js';
import type { Emit } from './unitOfWork.js';

/**
 * The caller's settings of a conversation (operation `getConversationSettings`).
 * @throws ApiError 404 `conversation.not_found` (no such conversation, or never a member).
 */
export async function getConversationSettings(
  db: Database,
  callerId: string,
  conversationId: string,
): Promise<Schema<'ConversationSettings'>> {
  return toConversationSettings(await requireMembership(db, conversationId, callerId));
}

/**
 * Tells the caller's devices (and nobody else) that their view of a conversation changed:
 * `conversation.updated` with the conversation as they now see it, a personal event (also
 * delivered on resume).
 * @param trx the unit of work's transaction, after its change.
 */
export async function announceToCaller(
  trx: Transaction<DatabaseSchema>,
  emit: Emit,
  callerId: string,
  conversationId: string,
): Promise<void> {
  const membership = await requireMembership(trx, conversationId, callerId);
  emit({
    event: { type: 'conversation.updated', data: await toConversation(trx, membership) },
    recipients: [callerId],
    audience: [callerId],
  });
}

/**
 * Rejects a request whose mute fields do not go together: a duration is only meaningful with
 * `muted: true`.
 * @throws ApiError 422 `validation.failed` naming `/body/mute_duration_seconds`.
 */
function checkMute(body: OperationBody<'updateConversationSettings'>): void {
  if (body.mute_duration_seconds !== undefined && body.muted !== true) {
    throw new ApiError(
      422,
      'validation.failed',
      'mute_duration_seconds goes only with muted: true.',
      {
        errors: [
          {
            pointer: '/body/mute_duration_seconds',
            detail: 'is allowed only with muted: true',
            keyword: 'dependentRequired',
          },
        ],
      },
    );
  }
}

/**
 * Changes the caller's own settings of a conversation (operation `updateConversationSettings`):
 * pin, mute (for `mute_duration_seconds`, 60 to 31,536,000 as the spec checks, or until unmuted),
 * mark unread. Omitted fields stay. Other members see nothing; the caller's devices get
 * `conversation.updated`. A member who left a group keeps their read-only conversation and may
 * still arrange it.
 * @returns the settings after the change.
 * @throws ApiError 404 `conversation.not_found`; 422 `validation.failed` for a duration without
 *   `muted: true`.
 */
export async function updateConversationSettings(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  conversationId: string,
  body: OperationBody<'updateConversationSettings'>,
): Promise<Schema<'ConversationSettings'>> {
  checkMute(body);
  await requireMembership(services.db, conversationId, callerId);
  return services.work(async (trx, emit) => {
    const at = new Date();
    const changes: Updateable<ConversationMembersTable> = {
      settings_updated_at: at.toISOString(),
    };
    if (body.pinned !== undefined) changes.pinned = body.pinned ? 1 : 0;
    if (body.marked_unread !== undefined) changes.marked_unread = body.marked_unread ? 1 : 0;
    if (body.muted !== undefined) {
      changes.muted = body.muted ? 1 : 0;
      changes.muted_until =
        body.muted && body.mute_duration_seconds !== undefined
          ? new Date(at.getTime() + body.mute_duration_seconds * 1000).toISOString()
          : null;
    }
    await trx
      .updateTable('conversation_members')
      .set(changes)
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', callerId)
      .execute();
    await announceToCaller(trx, emit, callerId, conversationId);
    return toConversationSettings(await requireMembership(trx, conversationId, callerId));
  }, conversationId);
}

/**
 * Hides a conversation from the caller's `listConversations` until a message they may see arrives
 * in it (operation `hideConversation`). Nothing is deleted; other members see nothing; the
 * caller's devices get `conversation.updated`.
 * @throws ApiError 404 `conversation.not_found`.
 */
export async function hideConversation(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  conversationId: string,
): Promise<void> {
  await requireMembership(services.db, conversationId, callerId);
  await services.work(async (trx, emit) => {
    const { last_message_seq } = await trx
      .selectFrom('conversations')
      .select('last_message_seq')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('conversation_members')
      .set({ hidden_seq: last_message_seq })
      .where('conversation_id', '=', conversationId)
      .where('user_id', '=', callerId)
      .execute();
    await announceToCaller(trx, emit, callerId, conversationId);
  }, conversationId);
}

/**
 * Clears the caller's history of a conversation (operation `clearConversationHistory`): every
 * message up to the newest one they may see leaves their history (`visible_from_seq` moves up to
 * it, never down), so lists, search, the last message and unread counts forget them; other
 * members keep theirs, and new messages appear as usual. The caller's devices get
 * `conversation.cleared`.
 * @throws ApiError 404 `conversation.not_found`.
 */
export async function clearConversationHistory(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  conversationId: string,
): Promise<void> {
  await requireMembership(services.db, conversationId, callerId);
  await services.work(async (trx, emit) => {
    const m = await requireMembership(trx, conversationId, callerId);
    const newest = Math.min(m.last_message_seq, m.visible_until_seq ?? OPEN_END_SEQ);
    const clearedAt = nowIso();
    if (newest > m.visible_from_seq) {
      await trx
        .updateTable('conversation_members')
        .set({ visible_from_seq: newest })
        .where('conversation_id', '=', conversationId)
        .where('user_id', '=', callerId)
        .execute();
    }
    emit({
      event: {
        type: 'conversation.cleared',
        data: { conversation_id: conversationId, cleared_at: clearedAt },
      },
      recipients: [callerId],
      audience: [callerId],
    });
  }, conversationId);
}
