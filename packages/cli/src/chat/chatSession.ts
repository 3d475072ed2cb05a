import { type Conversation, type ImkitClient, type Message, newClientMessageId } from '@imkit/sdk';
import { formatConversationTitle } from '../format/formatConversationTitle.js';
import { describeError, formatError } from '../formatError.js';
import { type CliIO, writeLine } from '../io.js';
import { loadHistory } from '../loadHistory.js';
import { mentionsIn } from '../mentions.js';
import { type ChatPrinter, chronological, createChatPrinter } from './chatPrinter.js';
import { formatGroupNotice } from './groupNotice.js';
import { readChatLines } from './readChatLines.js';
import { ReadMarker } from './readMarker.js';

/** What `imkit chat` needs to run. */
export interface ChatSessionOptions {
  client: ImkitClient;
  io: CliIO;
  conversation: Conversation;
  /** Id of this CLI's realtime connection. */
  deviceId: string;
  /** My user id: my own messages never need marking as read. */
  myUserId: string;
  /** How many recent messages to show first. Default: 20. */
  historyLimit?: number;
}

/**
 * Runs an interactive chat: shows recent history, then live messages of the conversation (in a
 * group, also who joins, leaves or is removed, dismissal and announcements, on stderr as `* ...`)
 * while sending each line read from stdin (see `parseChatInput` for `/help`, `/quit`).
 * Marks the conversation read up to the newest message shown, at the start and as messages
 * of others arrive. Ends at `/quit` or the end of input, once every send and read mark has
 * been answered. Each message is printed once, whether it arrives as a send's answer or over
 * realtime. Resolves the number of messages that failed to send.
 */
export async function runChatSession(options: ChatSessionOptions): Promise<number> {
  const { client, io, conversation } = options;
  const printer = createChatPrinter(io);
  const marker = createReadMarker(options);
  let backlog: Message[] | null = [];
  let leaving = false;
  const realtime = client.realtime({ deviceId: options.deviceId });
  realtime.on('message.created', (message: Message) => {
    if (message.conversation_id !== conversation.id) return;
    if (backlog) backlog.push(message);
    else if (printer.show(message) && message.sender.id !== options.myUserId) {
      markNewestRead(printer, marker);
    }
  });
  const group = conversation.type === 'group' ? conversation.group : null;
  if (group) {
    const viewer = { groupId: group.id, myUserId: options.myUserId };
    realtime.on('event', (event) => {
      const notice = formatGroupNotice(event, viewer);
      if (notice !== null) printer.notice(notice);
    });
  }
  realtime.on('close', ({ reason }) => {
    if (!leaving) writeLine(io.stderr, `warning: live messages stopped (${reason})`);
  });
  try {
    await realtime.connect();
    const history = await loadHistory(client, conversation.id, options.historyLimit ?? 20);
    for (const message of chronological([...history, ...backlog])) printer.show(message);
    backlog = null;
    if (printer.newest && printer.newest.id !== conversation.last_read_message_id) {
      markNewestRead(printer, marker);
    }
    writeLine(
      io.stderr,
      `chatting with ${formatConversationTitle(conversation)}; /quit or end of input leaves, /help lists the commands`,
    );
    return await readChatLines(io, printer, (text) => sendText(options, printer, text));
  } finally {
    leaving = true;
    realtime.close();
    await marker.flush();
  }
}

function markNewestRead(printer: ChatPrinter, marker: ReadMarker): void {
  if (printer.newest) marker.markUpTo(printer.newest.id);
}

/** A read marker that warns once on stderr when marking fails. */
function createReadMarker(options: ChatSessionOptions): ReadMarker {
  let warned = false;
  return new ReadMarker({
    client: options.client,
    conversationId: options.conversation.id,
    onError(err) {
      if (warned) return;
      warned = true;
      writeLine(options.io.stderr, `warning: could not mark the chat read: ${describeError(err)}`);
    },
  });
}

/**
 * Sends one text (in a group, with the `@member` / `@all` mentions it types); prints the stored
 * message, or the error. Resolves false when it failed.
 */
async function sendText(
  options: ChatSessionOptions,
  printer: ChatPrinter,
  text: string,
): Promise<boolean> {
  const { client, io, conversation } = options;
  try {
    const mentions = await mentionsIn(client, conversation, text);
    const message = await client.sendMessage({
      path: { conversation_id: conversation.id },
      body: {
        client_message_id: newClientMessageId(),
        content: { type: 'text', text },
        ...(mentions ? { mentions } : {}),
      },
    });
    printer.show(message);
    return true;
  } catch (err) {
    for (const errorLine of formatError(err)) writeLine(io.stderr, errorLine);
    return false;
  }
}
