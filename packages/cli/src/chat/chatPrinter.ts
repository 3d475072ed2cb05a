import type { Interface } from 'node:readline';
import type { Message } from '@imkit/sdk';
import { formatMessage } from '../format/formatMessage.js';
import { type CliIO, writeLine } from '../io.js';

/** Prints the messages of a chat, each once, and remembers the newest one shown. */
export interface ChatPrinter {
  /** Prints `message` unless it was printed before; true when it printed it now. */
  show(message: Message): boolean;
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

/** A {@link ChatPrinter} writing one line per message to stdout. */
export function createChatPrinter(io: CliIO): ChatPrinter {
  const shown = new Set<string>();
  let rl: Interface | null = null;
  let newest: Message | null = null;
  return {
    show(message) {
      if (shown.has(message.id)) return false;
      shown.add(message.id);
      if (!newest || chronologicalKey(message) > chronologicalKey(newest)) newest = message;
      if (rl && io.isTTY) io.stdout.write('\r\x1b[2K');
      writeLine(io.stdout, formatMessage(message));
      if (rl && io.isTTY) rl.prompt(true);
      return true;
    },
    notice(line) {
      if (rl && io.isTTY) io.stdout.write('\r\x1b[2K');
      writeLine(io.stderr, line);
      if (rl && io.isTTY) rl.prompt(true);
    },
    get newest() {
      return newest;
    },
    attach(next) {
      rl = next;
    },
  };
}
