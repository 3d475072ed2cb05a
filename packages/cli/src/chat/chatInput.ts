import { isBlank } from '../messageText.js';

/** What one line typed into `imkit chat` asks for. */
export type ChatInput =
  | { kind: 'send'; text: string }
  | { kind: 'skip' }
  | { kind: 'quit' }
  | { kind: 'help' }
  | { kind: 'unknown'; command: string };

/** The chat commands and what they do, as `/help` prints them. */
export const CHAT_HELP: readonly string[] = [
  'chat commands:',
  '  /help    list these commands',
  '  /quit    leave the chat (so does the end of input: Ctrl+D)',
  'a line starting with // sends the rest with a single /, e.g. //shrug sends /shrug;',
  'any other line starting with /word is a command and is never sent; blank lines are skipped',
  'in a #group: @username mentions a member, @all everyone (owner and admins only)',
];

/** A command is `/` and a word at the start of the line (`/quit`, `/qiut`, `/nick alice`). */
const COMMAND = /^\/([A-Za-z][\w-]*)(?:\s|$)/;

/**
 * Reads one input line: a command (`/help`, `/quit`, or an unknown `/word`), a blank line to
 * skip, or text to send. `//text` sends `/text`; a line such as `/usr/bin` or `/ shrug`, whose
 * slash is not followed by a word, is sent as it is.
 */
export function parseChatInput(line: string): ChatInput {
  if (isBlank(line)) return { kind: 'skip' };
  if (line.startsWith('//')) return { kind: 'send', text: line.slice(1) };
  const command = COMMAND.exec(line.trim())?.[1]?.toLowerCase();
  if (command === undefined) return { kind: 'send', text: line };
  if (command === 'quit') return { kind: 'quit' };
  if (command === 'help') return { kind: 'help' };
  return { kind: 'unknown', command: `/${command}` };
}
