import type { Conversation, ImkitClient, Message } from '@imkit/sdk';
import { formatConversationTitle } from '../format/formatConversationTitle.js';
import { formatTime } from '../format/formatTime.js';
import { describeError, formatError } from '../formatError.js';
import { type CliIO, writeLine } from '../io.js';
import { loadHistory } from '../loadHistory.js';
import { type ChatAction, runChatAction } from './chatCommands.js';
import { type ChatPrinter, chronological, createChatPrinter } from './chatPrinter.js';
import { ElsewhereNotices } from './elsewhereNotice.js';
import { formatGroupNotice } from './groupNotice.js';
import { readChatLines } from './readChatLines.js';
import { ReadMarker } from './readMarker.js';
import { TypingIndicators } from './typingIndicators.js';

/** What `imkit chat` needs to run. */
export interface ChatSessionOptions {
  client: ImkitClient;
  io: CliIO;
  conversation: Conversation;
  /** Id of this CLI's realtime connection. */
  deviceId: string;
  /** My user id: my own messages never need marking as read. */
  myUserId: string;
  /** My username: my own reactions print under it. */
  myUsername: string;
  /** How many recent messages to show first. Default: 20. */
  historyLimit?: number;
}

/**
 * Input that shows me typing to the others: text being typed, or a `/reply` or `/edit` being
 * written (not another command).
 */
function showsTyping(line: string): boolean {
  if (!/\S/.test(line)) return false;
  const start = line.trimStart();
  return !start.startsWith('/') || start.startsWith('//') || /^\/(reply|edit)\s/i.test(start);
}

/**
 * Runs an interactive chat: shows recent history, then, live, the messages of the conversation
 * (numbered `#1`, `#2`...; replies name the message they answer), edits, recalls and reactions
 * (on stdout), who is typing (`* bob is typing...`), in a direct chat when the peer comes online
 * or goes offline (`* bob is online`) and, in a group, who joins, leaves or is
 * removed, dismissal and announcements (on stderr as `* ...`), and a one-line notice of each
 * message that arrives in another of my conversations (`* new message from ann: ...`). Sends each line read from stdin,
 * or carries out its command (see `parseChatInput`: `/reply`, `/edit`, `/react`, `/recall`,
 * `/file`, `/help`, `/quit`), and shows the others that I am typing while I type
 * (`RealtimeClient.sendTyping`). Marks the conversation read up to the newest message shown,
 * at the start and as messages of others arrive. Ends at `/quit` or the end of input, once
 * every send and read mark has been answered. Each message and change is printed once, whether
 * it arrives as an answer or over realtime. Resolves the number of lines that failed.
 */
export async function runChatSession(options: ChatSessionOptions): Promise<number> {
  const { client, io, conversation } = options;
  const printer = createChatPrinter(io);
  const marker = createReadMarker(options);
  const typing = new TypingIndicators((username) => printer.notice(`* ${username} is typing...`));
  // Live events before the history is shown wait here, then run in order.
  let waiting: (() => void)[] | null = [];
  const live = (handle: () => void) => (waiting ? waiting.push(handle) : handle());
  const here = (conversationId: string) => conversationId === conversation.id;
  let leaving = false;
  const realtime = client.realtime({ deviceId: options.deviceId });
  const elsewhere = new ElsewhereNotices(client, (line) => printer.notice(line));
  realtime.on('message.created', (message: Message) => {
    if (!here(message.conversation_id)) {
      // Another conversation: one line on stderr, so nothing there goes unnoticed.
      if (message.sender.id !== options.myUserId) elsewhere.announce(message);
      return;
    }
    typing.forget(message.sender.id);
    live(() => {
      if (printer.show(message) && message.sender.id !== options.myUserId) {
        markNewestRead(printer, marker);
      }
    });
  });
  realtime.on('message.updated', (message) => {
    if (here(message.conversation_id)) live(() => printer.change(message, 'edited'));
  });
  realtime.on('message.recalled', (message) => {
    if (here(message.conversation_id)) live(() => printer.change(message, 'recalled'));
  });
  realtime.on('reaction.added', (change) => {
    if (here(change.conversation_id)) live(() => printer.reaction(change, true));
  });
  realtime.on('reaction.removed', (change) => {
    if (here(change.conversation_id)) live(() => printer.reaction(change, false));
  });
  realtime.on('typing', (indicator) => {
    if (here(indicator.conversation_id) && indicator.user.id !== options.myUserId) {
      typing.take(indicator);
    }
  });
  const peer = conversation.type === 'direct' ? conversation.peer : null;
  if (peer) {
    realtime.on('presence.updated', (change) => {
      if (change.user_id !== peer.id) return;
      printer.notice(
        change.presence === 'online'
          ? `* ${peer.username} is online`
          : `* ${peer.username} went offline${change.last_seen_at ? ` (last seen ${formatTime(change.last_seen_at)})` : ''}`,
      );
    });
  }
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
  const context = { ...options, printer };
  try {
    await realtime.connect();
    const history = await loadHistory(client, conversation.id, options.historyLimit ?? 20);
    for (const message of chronological(history)) printer.show(message);
    for (const handle of waiting) handle();
    waiting = null;
    if (printer.newest && printer.newest.id !== conversation.last_read_message_id) {
      markNewestRead(printer, marker);
    }
    writeLine(
      io.stderr,
      `chatting with ${formatConversationTitle(conversation)}; /quit or end of input leaves, /help lists the commands`,
    );
    return await readChatLines(io, printer, {
      act: (action) => act(context, action),
      typing(line) {
        realtime.sendTyping(conversation.id, showsTyping(line) ? 'started' : 'stopped');
      },
    });
  } finally {
    leaving = true;
    typing.clear();
    realtime.close();
    await Promise.all([marker.flush(), elsewhere.flush()]);
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

/** Carries out one action, printing its error; resolves false when it failed. */
async function act(
  context: ChatSessionOptions & { printer: ChatPrinter },
  action: ChatAction,
): Promise<boolean> {
  try {
    await runChatAction(context, action);
    return true;
  } catch (err) {
    for (const errorLine of formatError(err)) writeLine(context.io.stderr, errorLine);
    return false;
  }
}
