import type { Message, ReactionSummary } from '@imkit/sdk';
import { formatTime } from './formatTime.js';

/** Characters of a message id shown by `imkit history` and accepted by the message commands. */
export const SHORT_ID_LENGTH = 6;

/** Characters of a replied-to message's excerpt shown in a reply line. */
const QUOTE_LENGTH = 30;

/**
 * The short form of a message id: its last 6 characters (the random end of a UUIDv7, so two
 * recent messages almost never share it). Commands accept it, or any longer end of the id.
 */
export function shortMessageId(id: string): string {
  return id.slice(-SHORT_ID_LENGTH);
}

/**
 * The text of a message's content: a text as it is, a recalled or deleted message as
 * `message recalled` / `message deleted`, other content types as `[type]` with what names them
 * (`[file route-topo.pdf]`, `[image] the caption`, `[location The wall]`, `[card Bob]`).
 */
export function contentText(content: Message['content']): string {
  switch (content.type) {
    case 'text':
      return content.text;
    case 'tombstone':
      return `message ${content.reason}`;
    case 'image':
      return content.caption ? `[image] ${content.caption}` : '[image]';
    case 'file':
      return content.name ? `[file ${content.name}]` : '[file]';
    case 'location':
      return content.name ? `[location ${content.name}]` : '[location]';
    case 'card':
      return content.title ? `[card ${content.title}]` : '[card]';
    default:
      return `[${(content as { type: string }).type}]`;
  }
}

/** Reactions as `👍 2 ❤️ 1`, most used first (the server's order). */
export function formatReactions(reactions: readonly ReactionSummary[] | undefined): string {
  return (reactions ?? []).map((r) => `${r.emoji} ${r.count}`).join(' ');
}

/** The quote of a reply: `↳ alice: Who brings the ro…`. */
function formatQuote(reply: NonNullable<Message['reply_to']>): string {
  const chars = Array.from(reply.excerpt);
  const excerpt =
    reply.type === 'tombstone'
      ? 'message removed'
      : chars.length > QUOTE_LENGTH
        ? `${chars.slice(0, QUOTE_LENGTH).join('')}…`
        : reply.excerpt;
  return `↳ ${reply.sender.username}: ${excerpt}`;
}

/** How {@link formatMessage} prints a message. */
export interface FormatMessageOptions {
  /** Shows the short message id after the time (`imkit history`), for the message commands. */
  showId?: boolean;
}

/**
 * Indents every line of `text` after the first by `width` spaces, so a multi-line message reads
 * as one block under its first line. Carriage returns are dropped.
 */
export function indentContinuation(text: string, width: number): string {
  return text.replace(/\r/g, '').replace(/\n/g, `\n${' '.repeat(width)}`);
}

/**
 * One message as a line: `[2026-11-21 09:35] alice: hello` (`[09:35:02]` today), with, when they
 * apply, the quote of the message it replies to (`[↳ bob: Who brings…] `), `(edited)`, the
 * reactions (`  👍 2`), and with `showId` the short id after the time (`[09:35:02 3e5f60]`). A
 * recalled or deleted message prints as `message recalled` / `message deleted`. A multi-line
 * text continues on lines indented under its first.
 */
export function formatMessage(message: Message, options: FormatMessageOptions = {}): string {
  const time = formatTime(message.created_at);
  const stamp = options.showId ? `${time} ${shortMessageId(message.id)}` : time;
  const quote = message.reply_to ? `[${formatQuote(message.reply_to)}] ` : '';
  const removed = message.content.type === 'tombstone';
  const edited = message.edited_at && !removed ? ' (edited)' : '';
  const reactions = formatReactions(message.reactions);
  const tail = reactions ? `  ${reactions}` : '';
  const head = `[${stamp}] ${message.sender.username}: `;
  const text = indentContinuation(contentText(message.content), head.length);
  return `${head}${quote}${text}${edited}${tail}`;
}
