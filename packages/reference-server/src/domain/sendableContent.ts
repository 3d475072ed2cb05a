import type { Database } from '../db/openDatabase.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { findUserById } from './users.js';

type Sendable = Schema<'SendableMessageContent'>;
type Content = Schema<'MessageContent'>;

/** The fields of `MessageContent` the server fills in (`readOnly` in the spec). */
const SERVER_FIELDS = ['url', 'size', 'content_type', 'title', 'avatar_url'] as const;

function refused(status: number, code: 'file.not_found' | 'user.not_found', field: string) {
  const detail = code === 'file.not_found' ? 'names no file you may read' : 'names no user';
  return new ApiError(status, code, `The content ${detail}.`, {
    errors: [{ pointer: `/body/content/${field}`, detail, keyword: 'reference' }],
  });
}

async function completeCard(
  db: Database,
  card: Extract<Sendable, { type: 'card' }>,
): Promise<Content> {
  if (card.card_type === 'group') {
    throw new ApiError(422, 'request.field_not_implemented', 'Group cards come with groups.', {
      errors: [
        {
          pointer: '/body/content/card_type',
          detail: 'group is not supported by this server yet',
          keyword: 'x-not-implemented',
        },
      ],
    });
  }
  const user = await findUserById(db, card.id);
  if (!user || user.deleted_at) throw refused(422, 'user.not_found', 'id');
  return { ...card, title: user.nickname ?? user.username, avatar_url: user.avatar_url };
}

/** Where content is being sent: who sends it into which conversation. */
export interface SendPlace {
  senderId: string;
  conversationId: string;
}

/**
 * Turns what a client sent into the content members receive (operation `sendMessage`): a card
 * gets the shared user's `title` and `avatar_url`. File-based content must name a file the sender
 * may read; this server has no files yet, so every `file_id` is refused.
 * @param place the sender and conversation, inside the sending transaction (`db`).
 * @throws ApiError 422 `file.not_found` or `user.not_found` pointing at the reference, 422
 *   `request.field_not_implemented` for a group card.
 */
export async function completeContent(
  db: Database,
  content: Sendable,
  _place: SendPlace,
): Promise<Content> {
  if ('file_id' in content) throw refused(422, 'file.not_found', 'file_id');
  if (content.type === 'card') return completeCard(db, content);
  return content;
}

/** The part of stored content the client sent: without the fields the server filled in. */
export function clientPart(content: Content): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...content };
  for (const field of SERVER_FIELDS) delete copy[field];
  return copy;
}
