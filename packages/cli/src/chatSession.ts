import { createInterface, type Interface } from 'node:readline';
import { type Conversation, type ImkitClient, type Message, newClientMessageId } from '@imkit/sdk';
import { formatConversationTitle } from './format/formatConversationTitle.js';
import { formatMessage } from './format/formatMessage.js';
import { formatError } from './formatError.js';
import { type CliIO, writeLine } from './io.js';
import { loadHistory } from './loadHistory.js';

/** What `imkit chat` needs to run. */
export interface ChatSessionOptions {
  client: ImkitClient;
  io: CliIO;
  conversation: Conversation;
  /** Id of this CLI's realtime connection. */
  deviceId: string;
  /** How many recent messages to show first. Default: 20. */
  historyLimit?: number;
}

/** The line that leaves the chat. */
export const QUIT_COMMAND = '/quit';

/**
 * Runs an interactive chat: shows recent history, then live messages of the conversation
 * while sending each line read from stdin. Ends at `/quit` or the end of input, once every
 * send has been answered. Each message is printed once, whether it arrives as a send's
 * answer or over realtime. Resolves the number of messages that failed to send.
 */
export async function runChatSession(options: ChatSessionOptions): Promise<number> {
  const { client, io, conversation } = options;
  const printer = createPrinter(io);
  let backlog: Message[] | null = [];
  let leaving = false;
  const realtime = client.realtime({ deviceId: options.deviceId });
  realtime.on('message.created', (message: Message) => {
    if (message.conversation_id !== conversation.id) return;
    if (backlog) backlog.push(message);
    else printer.show(message);
  });
  realtime.on('close', ({ reason }) => {
    if (!leaving) writeLine(io.stderr, `warning: live messages stopped (${reason})`);
  });
  try {
    await realtime.connect();
    const history = await loadHistory(client, conversation.id, options.historyLimit ?? 20);
    for (const message of chronological([...history, ...backlog])) printer.show(message);
    backlog = null;
    writeLine(
      io.stderr,
      `chatting with ${formatConversationTitle(conversation)}; ${QUIT_COMMAND} or end of input leaves`,
    );
    return await sendLines(options, printer);
  } finally {
    leaving = true;
    realtime.close();
  }
}

/** Oldest first: by creation time, then by id (ids sort by creation time too). */
function chronological(messages: Message[]): Message[] {
  const key = (m: Message) => `${new Date(m.created_at).toISOString()} ${m.id}`;
  return [...messages].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

interface Printer {
  show(message: Message): void;
  attach(rl: Interface): void;
}

/** Prints each message once; on a terminal, keeps the input prompt below the output. */
function createPrinter(io: CliIO): Printer {
  const shown = new Set<string>();
  let rl: Interface | null = null;
  return {
    show(message) {
      if (shown.has(message.id)) return;
      shown.add(message.id);
      if (rl && io.isTTY) io.stdout.write('\r\x1b[2K');
      writeLine(io.stdout, formatMessage(message));
      if (rl && io.isTTY) rl.prompt(true);
    },
    attach(next) {
      rl = next;
    },
  };
}

async function sendLines(options: ChatSessionOptions, printer: Printer): Promise<number> {
  const { client, io, conversation } = options;
  const rl = createInterface({
    input: io.stdin,
    output: io.isTTY ? io.stdout : undefined,
    terminal: io.isTTY,
  });
  rl.on('SIGINT', () => rl.close());
  rl.setPrompt('> ');
  printer.attach(rl);
  let failures = 0;
  if (io.isTTY) rl.prompt();
  for await (const line of rl) {
    if (line.trim() === QUIT_COMMAND) break;
    if (line.trim() !== '') {
      // On a terminal, replace the echoed input with the message line printed once it is stored.
      if (io.isTTY) io.stdout.write('\x1b[1A\x1b[2K');
      try {
        const message = await client.sendMessage({
          path: { conversation_id: conversation.id },
          body: { client_message_id: newClientMessageId(), content: { type: 'text', text: line } },
        });
        printer.show(message);
      } catch (err) {
        failures += 1;
        for (const errorLine of formatError(err)) writeLine(io.stderr, errorLine);
      }
    }
    if (io.isTTY) rl.prompt();
  }
  rl.close();
  return failures;
}
