import type { Schema } from '../spec/operationTypes.js';
import { canonicalJson } from './canonicalJson.js';
import { toUserRef, type UserRow } from './userViews.js';

/** Characters of text a reply preview keeps (`MessageReplyPreview.excerpt`). */
export const EXCERPT_LENGTH = 100;

/**
 * The excerpt of a message's content: the first 100 characters (code points, never half a
 * surrogate pair) of a text, a label such as `[image]` for other types, empty for a tombstone.
 */
export function excerptOf(content: Schema<'MessageContent'>): string {
  if (content.type === 'text') return Array.from(content.text).slice(0, EXCERPT_LENGTH).join('');
  if (content.type === 'tombstone') return '';
  return `[${content.type}]`;
}

/**
 * The preview a reply carries of the message it answers (`MessageReplyPreview`), as the canonical
 * JSON stored in the reply's `reply_to` column.
 * @param target the replied-to message's id and stored content JSON, and its sender.
 */
export function replyPreviewJson(target: { id: string; content: string }, sender: UserRow): string {
  const content = JSON.parse(target.content) as Schema<'MessageContent'>;
  const preview: Schema<'MessageReplyPreview'> = {
    id: target.id,
    sender: toUserRef(sender),
    type: content.type,
    excerpt: excerptOf(content),
  };
  return canonicalJson(preview);
}
