import type { MessagesTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';
import { toUserRef, type UserRow } from './userViews.js';

/** A message as the API shows it (`Message`), with its sender embedded. */
export function toMessage(row: Omit<MessagesTable, 'seq'>, sender: UserRow): Schema<'Message'> {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    sender: toUserRef(sender),
    client_message_id: row.client_message_id,
    content: JSON.parse(row.content) as Schema<'MessageContent'>,
    created_at: row.created_at,
    ...(row.mentions ? { mentions: JSON.parse(row.mentions) as Schema<'Mentions'> } : {}),
  };
}
