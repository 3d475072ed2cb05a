import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { canonicalJson } from './canonicalJson.js';

/** What a send stores of its `mentions`: the JSON, the @all flag, the users to record. */
export interface StoredMentions {
  /** `Mentions` as canonical JSON, or null when the message mentions nobody. */
  json: string | null;
  /** 1 for @all, else 0. */
  all: number;
  /** The mentioned users, each a member of the conversation. */
  userIds: string[];
}

/**
 * Checks a send's `mentions` (operation `sendMessage`, schema `Mentions`): every mentioned user
 * is a current member of the conversation, and only a group's owner or admins mention @all.
 * @param members the conversation's current members.
 * @param groupRole the sender's role in a group conversation; null in a direct one.
 * @throws ApiError 422 `validation.failed` (a mentioned user is not a member, naming the entry;
 *   @all outside a group), 403 `message.mention_all_forbidden` (a plain member mentioned all).
 */
export function checkMentions(
  mentions: Schema<'Mentions'> | undefined,
  members: readonly string[],
  groupRole: string | null,
): StoredMentions {
  if (!mentions || (!mentions.all && mentions.user_ids.length === 0)) {
    return { json: null, all: 0, userIds: [] };
  }
  const index = mentions.user_ids.findIndex((id) => !members.includes(id));
  if (index !== -1) {
    throw new ApiError(
      422,
      'validation.failed',
      'You can only mention members of this conversation.',
      {
        errors: [
          {
            pointer: `/body/mentions/user_ids/${index}`,
            detail: 'not a member of this conversation',
            keyword: 'member',
          },
        ],
      },
    );
  }
  if (mentions.all) {
    if (groupRole === null) {
      throw new ApiError(422, 'validation.failed', 'Only group messages can mention all.', {
        errors: [{ pointer: '/body/mentions/all', detail: 'only in a group', keyword: 'group' }],
      });
    }
    if (groupRole === 'member') {
      throw new ApiError(
        403,
        'message.mention_all_forbidden',
        'Only the group owner or an admin may mention all.',
      );
    }
  }
  return {
    json: canonicalJson(mentions),
    all: mentions.all ? 1 : 0,
    userIds: [...mentions.user_ids],
  };
}
