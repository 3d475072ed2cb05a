import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { memberIds } from './membership.js';
import { conversationOfMessage, findActionableMessage } from './messageAccess.js';
import { isTombstone } from './messageViews.js';
import { reactionSummaries } from './reactionSummaries.js';
import type { Services } from './Services.js';
import { findUserById } from './users.js';
import { toUserRef } from './userViews.js';

/** Most distinct emoji one message holds (`reaction.limit_reached` beyond). */
export const MAX_DISTINCT_EMOJI = 20;

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/**
 * Refuses an `emoji` path parameter that is not one emoji: exactly one grapheme cluster (👍,
 * 👩‍💻, 🇫🇷, 1️⃣) with a pictographic character in it. The spec already bounds its length.
 * @throws ApiError 422 `validation.failed` pointing at `/path/emoji`.
 */
export function checkEmoji(emoji: string): void {
  const clusters = [...graphemes.segment(emoji)];
  if (clusters.length === 1 && EMOJI.test(emoji)) return;
  throw new ApiError(422, 'validation.failed', 'A reaction is one emoji.', {
    errors: [{ pointer: '/path/emoji', detail: 'is not one emoji', keyword: 'emoji' }],
  });
}

type Change = 'added' | 'removed';

/**
 * Adds or removes the caller's emoji on a message inside one unit of work, and announces the
 * change (`reaction.added` / `reaction.removed`, with the emoji's new count) to the members.
 * Both are idempotent: a change that changes nothing announces nothing.
 */
async function changeReaction(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  messageId: string,
  emoji: string,
  change: Change,
): Promise<Schema<'MessageReactions'>> {
  checkEmoji(emoji);
  const conversationId = await conversationOfMessage(services.db, messageId);
  return services.work(async (trx, emit) => {
    const found = await findActionableMessage(trx, messageId, callerId);
    if (change === 'added' && isTombstone(found.row)) {
      throw new ApiError(409, 'message.not_editable', 'You cannot react to a removed message.');
    }
    const before = (await reactionSummaries(trx, callerId, [messageId])).get(messageId) ?? [];
    const current = before.find((r) => r.emoji === emoji);
    const mine = current?.reacted_by_me ?? false;
    if (change === 'added' ? mine : !mine) return { message_id: messageId, reactions: before };
    if (change === 'added') {
      if (!current && before.length >= MAX_DISTINCT_EMOJI) {
        throw new ApiError(
          409,
          'reaction.limit_reached',
          `This message already has ${MAX_DISTINCT_EMOJI} different emoji.`,
        );
      }
      await trx
        .insertInto('message_reactions')
        .values({ message_id: messageId, user_id: callerId, emoji, created_at: nowIso() })
        .execute();
    } else {
      await trx
        .deleteFrom('message_reactions')
        .where('message_id', '=', messageId)
        .where('user_id', '=', callerId)
        .where('emoji', '=', emoji)
        .execute();
    }
    const caller = await findUserById(trx, callerId);
    emit({
      event: {
        type: change === 'added' ? 'reaction.added' : 'reaction.removed',
        data: {
          conversation_id: conversationId,
          message_id: messageId,
          user: toUserRef(caller!),
          emoji,
          count: (current?.count ?? 0) + (change === 'added' ? 1 : -1),
        },
      },
      conversationId,
      audience: await memberIds(trx, conversationId),
    });
    const after = (await reactionSummaries(trx, callerId, [messageId])).get(messageId) ?? [];
    return { message_id: messageId, reactions: after };
  }, conversationId);
}

/**
 * Reacts to a message with an emoji (operation `addReaction`); reacting twice with the same emoji
 * counts once. Members get `reaction.added`.
 * @returns the message's reactions as the caller sees them, most used first.
 * @throws ApiError 404 `message.not_found`, 409 `message.not_editable` (a tombstone), 409
 *   `reaction.limit_reached` (a 21st distinct emoji), 422 `validation.failed` (not one emoji).
 */
export function addReaction(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  messageId: string,
  emoji: string,
): Promise<Schema<'MessageReactions'>> {
  return changeReaction(services, callerId, messageId, emoji, 'added');
}

/**
 * Removes the caller's emoji from a message (operation `removeReaction`); idempotent. Members get
 * `reaction.removed` when there was one to remove.
 * @returns the message's reactions as the caller sees them.
 * @throws ApiError 404 `message.not_found`, 422 `validation.failed` (not one emoji).
 */
export function removeReaction(
  services: Pick<Services, 'db' | 'work'>,
  callerId: string,
  messageId: string,
  emoji: string,
): Promise<Schema<'MessageReactions'>> {
  return changeReaction(services, callerId, messageId, emoji, 'removed');
}
