import type { Database } from '../db/openDatabase.js';
import type { FilesTable } from '../db/schema/fileTables.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { findReadableFile } from './fileAccess.js';
import { fileContentUrl, isContentGone } from './fileViews.js';
import { findUserById } from './users.js';

type Sendable = Schema<'SendableMessageContent'>;
type Content = Schema<'MessageContent'>;
type FileBased = Extract<Sendable, { file_id: string }>;

/** The fields of `MessageContent` the server fills in (`readOnly` in the spec). */
const SERVER_FIELDS = ['url', 'size', 'content_type', 'title', 'avatar_url'] as const;

type ReferenceCode = 'file.not_found' | 'user.not_found' | 'group.not_found';

const REFERENCE_DETAILS: Record<ReferenceCode, string> = {
  'file.not_found': 'names no file you may read',
  'user.not_found': 'names no user',
  'group.not_found': 'names no group',
};

function refused(code: ReferenceCode, field: string) {
  const detail = REFERENCE_DETAILS[code];
  return new ApiError(422, code, `The content ${detail}.`, {
    errors: [{ pointer: `/body/content/${field}`, detail, keyword: 'reference' }],
  });
}

async function completeCard(
  db: Database,
  card: Extract<Sendable, { type: 'card' }>,
): Promise<Content> {
  if (card.card_type === 'group') {
    const group = await db
      .selectFrom('groups')
      .select(['name', 'avatar_url', 'dismissed_at'])
      .where('id', '=', card.id)
      .executeTakeFirst();
    if (!group || group.dismissed_at) throw refused('group.not_found', 'id');
    return { ...card, title: group.name, avatar_url: group.avatar_url };
  }
  const user = await findUserById(db, card.id);
  if (!user || user.deleted_at) throw refused('user.not_found', 'id');
  return { ...card, title: user.nickname ?? user.username, avatar_url: user.avatar_url };
}

/** Where content is being sent: who sends it into which conversation. */
export interface SendPlace {
  senderId: string;
  conversationId: string;
}

/**
 * A file named by content, which the sender may read and whose content is still there; recorded
 * as sent in the conversation (its members may now download it) and kept from expiring.
 * @param field the content field naming it (`file_id`, `thumbnail_file_id`).
 * @param image true when the file must be an image.
 * @throws ApiError 422 `file.not_found`, or `validation.failed` when `image` and it is not one.
 */
async function useFile(
  db: Database,
  fileId: string,
  place: SendPlace,
  field: string,
  image: boolean,
): Promise<FilesTable> {
  const now = nowIso();
  const file = await findReadableFile(db, fileId, place.senderId);
  if (!file || isContentGone(file, now)) throw refused('file.not_found', field);
  if (image && file.file_type !== 'image') {
    const detail = `is not an image (${file.content_type})`;
    throw new ApiError(422, 'validation.failed', 'The request has 1 invalid field.', {
      errors: [{ pointer: `/body/content/${field}`, detail, keyword: 'content-type' }],
    });
  }
  await db
    .insertInto('file_conversations')
    .values({ file_id: file.id, conversation_id: place.conversationId, created_at: now })
    .onConflict((oc) => oc.columns(['file_id', 'conversation_id']).doNothing())
    .execute();
  if (file.expires_at !== null) {
    await db.updateTable('files').set({ expires_at: null }).where('id', '=', file.id).execute();
  }
  return file;
}

/** Completes image, audio, video and file content from the files they name. */
async function completeFileContent(
  db: Database,
  content: FileBased,
  place: SendPlace,
): Promise<Content> {
  const file = await useFile(db, content.file_id, place, 'file_id', content.type === 'image');
  const filled = { url: fileContentUrl(file.origin, file.id), size: file.size };
  if (content.type === 'video' && content.thumbnail_file_id !== undefined) {
    await useFile(db, content.thumbnail_file_id, place, 'thumbnail_file_id', true);
  }
  if (content.type === 'file') return { ...content, ...filled, content_type: file.content_type };
  return { ...content, ...filled };
}

/**
 * Turns what a client sent into the content members receive (operation `sendMessage`): a card
 * gets the shared user's or group's `title` and `avatar_url`; image, audio, video and file
 * content must name a file the sender may read (see `findReadableFile`) whose content is still
 * there, and gets its `url` and `size` (and `content_type` for a file). Each file used is recorded
 * as sent in the conversation, so its members may download it, and no longer expires.
 * @param db the sending transaction.
 * @param place the sender and conversation.
 * @throws ApiError 422 pointing at the reference: `file.not_found` (`file_id`,
 *   `thumbnail_file_id`), `validation.failed` for an image (or thumbnail) that is not an image,
 *   `user.not_found` or `group.not_found` (a dismissed group too) for a card's `id`.
 */
export async function completeContent(
  db: Database,
  content: Sendable,
  place: SendPlace,
): Promise<Content> {
  if ('file_id' in content) return completeFileContent(db, content, place);
  if (content.type === 'card') return completeCard(db, content);
  return content;
}

/** The part of stored content the client sent: without the fields the server filled in. */
export function clientPart(content: Content): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...content };
  for (const field of SERVER_FIELDS) delete copy[field];
  return copy;
}
