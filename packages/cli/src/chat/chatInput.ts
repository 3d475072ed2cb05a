import { isBlank } from '../messageText.js';

/**
 * Which message a chat command is about: `#3` (or `3`), the number the chat shows before each
 * message, or a message id (in full, or its end as `imkit history` shows it).
 */
export type MessageReference = { number: number } | { id: string };

/** What one line typed into `imkit chat` asks for. */
export type ChatInput =
  | { kind: 'send'; text: string }
  | { kind: 'reply'; to: MessageReference; text: string }
  | { kind: 'edit'; message: MessageReference; text: string }
  | { kind: 'react'; message: MessageReference; emoji: string }
  | { kind: 'recall'; message: MessageReference }
  | { kind: 'file'; path: string }
  | { kind: 'skip' }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'unknown'; command: string }
  /** A known command typed wrong: `usage` says how to type it. */
  | { kind: 'invalid'; usage: string };

/** The chat commands and what they do, as `/help` prints them. */
export const CHAT_HELP: readonly string[] = [
  'chat commands (<msg> is the #number shown before a message, or its id as history shows it):',
  '  /reply <msg> <text>   reply to a message',
  '  /edit <msg> <text>    change the text of a message you sent (within 24 hours)',
  '  /react <msg> <emoji>  react to a message, e.g. /react #3 👍',
  '  /recall <msg>         recall (unsend) a message you sent (within 2 minutes)',
  '  /file <path>          send a file (an image, audio or video shows as such)',
  '  /help                 list these commands',
  '  /quit                 leave the chat (so does the end of input: Ctrl+D)',
  'a line starting with // sends the rest with a single /, e.g. //shrug sends /shrug;',
  'any other line starting with /word is a command and is never sent; blank lines are skipped',
  'in a #group: @username mentions a member, @all everyone (owner and admins only)',
  'others typing show as `* <name> is typing...`; what you type shows to them the same way',
];

/** How each command with arguments is typed. */
const USAGE = {
  reply: '/reply <msg> <text>',
  edit: '/edit <msg> <text>',
  react: '/react <msg> <emoji>',
  recall: '/recall <msg>',
  file: '/file <path>',
} as const;

/** A command is `/` and a word at the start of the line (`/quit`, `/qiut`, `/nick alice`). */
const COMMAND = /^\/([A-Za-z][\w-]*)(?:\s+|$)/;

/** Reads `#3`, `3` or a message id (no white space, at most 64 characters). */
export function parseMessageReference(word: string): MessageReference | undefined {
  const number = /^#?(\d{1,9})$/.exec(word)?.[1];
  if (number !== undefined) return { number: Number(number) };
  return /^[A-Za-z0-9_.:-]{1,64}$/.test(word) ? { id: word } : undefined;
}

/**
 * Reads one input line: a command (`/help`, `/quit`, `/reply`, `/edit`, `/react`, `/recall`,
 * `/file`, or an unknown `/word`), a blank line to skip, or text to send. `//text` sends
 * `/text`; a line such as `/usr/bin` or `/ shrug`, whose slash is not followed by a word, is
 * sent as it is. A known command with missing or malformed arguments is `invalid`.
 */
export function parseChatInput(line: string): ChatInput {
  if (isBlank(line)) return { kind: 'skip' };
  if (line.startsWith('//')) return { kind: 'send', text: line.slice(1) };
  const trimmed = line.trim();
  const match = COMMAND.exec(trimmed);
  if (!match) return { kind: 'send', text: line };
  const command = match[1]!.toLowerCase();
  const rest = trimmed.slice(match[0].length);
  if (command === 'quit') return { kind: 'quit' };
  if (command === 'help') return { kind: 'help' };
  if (command === 'file') {
    return rest ? { kind: 'file', path: rest } : { kind: 'invalid', usage: USAGE.file };
  }
  if (!(command in USAGE)) return { kind: 'unknown', command: `/${command}` };
  const usage = USAGE[command as keyof typeof USAGE];
  const [, word = '', argument = ''] = /^(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
  const message = parseMessageReference(word);
  if (!message) return { kind: 'invalid', usage };
  if (command === 'recall') {
    return argument ? { kind: 'invalid', usage } : { kind: 'recall', message };
  }
  if (isBlank(argument)) return { kind: 'invalid', usage };
  if (command === 'reply') return { kind: 'reply', to: message, text: argument };
  if (command === 'edit') return { kind: 'edit', message, text: argument };
  return /\s/.test(argument)
    ? { kind: 'invalid', usage }
    : { kind: 'react', message, emoji: argument };
}
