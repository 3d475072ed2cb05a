import type { Interface } from 'node:readline';
import type { Message, ReactionChange } from '@imkit/sdk';
import { formatMessage } from '../format/formatMessage.js';
import { type CliIO, writeLine } from '../io.js';
import type { MessageReference } from './chatInput.js';

/** How a shown message changed: edited (`message.updated`) or recalled (`message.recalled`). */
export type MessageChange = 'edited' | 'recalled';

/**
 * Prints the messages of a chat, each once, numbered `#1`, `#2`... in the order shown (the
 * numbers `/reply`, `/edit`, `/react` and `/recall` take), with their edits, recalls and
 * reactions, and remembers the newest message shown.
 */
export interface ChatPrinter {
  /** Prints `message` as `#<n> <line>` unless it was printed before; true when it printed it now. */
  show(message: Message): boolean;
  /**
   * Prints a shown message's new state (`#<n> edited: <line>`, `#<n> recalled: <line>`), once
   * per state: the answer to my own edit and its realtime event print one line.
   */
  change(message: Message, change: MessageChange): void;
  /**
   * Prints a reaction change (`#<n> bob reacted 👍 (2)`), once: the answer to my own reaction
   * and its realtime event print one line.
   */
  reaction(change: ReactionChange, added: boolean): void;
  /**
   * The message a command refers to: one shown under its number, one shown whose id ends with
   * the id given (as `imkit history` shows ids), or any message by its full id.
   */
  find(reference: MessageReference): { id: string; message?: Message } | undefined;
  /** The newest message printed so far (by creation time, then id); null before the first. */
  readonly newest: Message | null;
  /** Prints a notice (not a message) on stderr, keeping the prompt below it on a terminal. */
  notice(line: string): void;
  /** Keeps the input prompt of `rl` below the output on a terminal. */
  attach(rl: Interface): void;
}

/** Sort key of a message: creation time, then id (ids sort by creation time too). */
export function chronologicalKey(message: Message): string {
  return `${new Date(message.created_at).toISOString()} ${message.id}`;
}

/** Oldest first, by {@link chronologicalKey}. */
export function chronological(messages: Message[]): Message[] {
  return messages
    .map((message) => ({ key: chronologicalKey(message), message }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ message }) => message);
}

/** Length of a full message id (a UUID); a shorter id must end the id of a message shown. */
const FULL_ID_LENGTH = 36;

/** What a message looks like now: a change to another state is worth a line. */
const stateOf = (message: Message) => `${message.content.type} ${message.edited_at ?? ''}`;

/** A {@link ChatPrinter} writing one line per message and change to stdout. */
export function createChatPrinter(io: CliIO): ChatPrinter {
  const numbers = new Map<string, number>();
  const byNumber: Message[] = [];
  const states = new Map<string, string>();
  const reactionsShown = new Set<string>();
  let rl: Interface | null = null;
  let newest: Message | null = null;

  const print = (stream: NodeJS.WritableStream, line: string) => {
    if (rl && io.isTTY) io.stdout.write('\r\x1b[2K');
    writeLine(stream, line);
    if (rl && io.isTTY) rl.prompt(true);
  };
  /** `#<n>` of a message shown, or a short form of its id. */
  const label = (messageId: string) => {
    const number = numbers.get(messageId);
    return number === undefined ? `message ${messageId}` : `#${number}`;
  };
  /** `(reply to #3) ` or `(reply to bob: "excerpt") `, empty when not a reply. */
  const replyPrefix = (message: Message) => {
    const parent = message.reply_to;
    if (!parent) return '';
    const number = numbers.get(parent.id);
    if (number !== undefined) return `(reply to #${number}) `;
    return `(reply to ${parent.sender.username}: "${parent.excerpt}") `;
  };

  return {
    show(message) {
      if (numbers.has(message.id)) return false;
      byNumber.push(message);
      numbers.set(message.id, byNumber.length);
      states.set(message.id, stateOf(message));
      if (!newest || chronologicalKey(message) > chronologicalKey(newest)) newest = message;
      print(io.stdout, `#${byNumber.length} ${replyPrefix(message)}${formatMessage(message)}`);
      return true;
    },
    change(message, change) {
      const state = stateOf(message);
      if (states.get(message.id) === state) return;
      states.set(message.id, state);
      const number = numbers.get(message.id);
      if (number !== undefined) byNumber[number - 1] = message;
      print(io.stdout, `${label(message.id)} ${change}: ${formatMessage(message)}`);
    },
    reaction(change, added) {
      const key = `${change.message_id} ${change.user.id} ${change.emoji} ${added} ${change.count}`;
      if (reactionsShown.has(key)) return;
      reactionsShown.add(key);
      const verb = added ? 'reacted' : 'took back';
      print(
        io.stdout,
        `${label(change.message_id)} ${change.user.username} ${verb} ${change.emoji} (${change.count})`,
      );
    },
    find(reference) {
      if ('number' in reference) {
        const message = byNumber[reference.number - 1];
        return message ? { id: message.id, message } : undefined;
      }
      const end = reference.id.toLowerCase();
      const shown = byNumber.filter((m) => m.id.toLowerCase().endsWith(end));
      if (shown.length === 1) return { id: shown[0]!.id, message: shown[0] };
      return reference.id.length >= FULL_ID_LENGTH ? { id: reference.id } : undefined;
    },
    notice(line) {
      print(io.stderr, line);
    },
    get newest() {
      return newest;
    },
    attach(next) {
      rl = next;
    },
  };
}
