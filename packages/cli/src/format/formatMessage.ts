import type { Message } from '@imkit/sdk';
import { formatTime } from './formatTime.js';

/** The text of a message's content; other content types show as `[type]`. */
export function contentText(content: Message['content']): string {
  return content.type === 'text' ? content.text : `[${(content as { type: string }).type}]`;
}

/** One message as a line: `[2026-11-21 09:35] alice: hello`. */
export function formatMessage(message: Message): string {
  return `[${formatTime(message.created_at)}] ${message.sender.username}: ${contentText(message.content)}`;
}
