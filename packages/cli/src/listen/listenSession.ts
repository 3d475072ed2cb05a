import type { Conversation, ImkitClient, Message, RealtimeEvent } from '@imkit/sdk';
import { formatConversationTitle } from '../format/formatConversationTitle.js';
import type { CliIO } from '../io.js';
import { writeLine } from '../io.js';
import { formatListenEvent } from './formatListenEvent.js';

/** How `imkit listen` runs. */
export interface ListenOptions {
  client: ImkitClient;
  io: CliIO;
  myUserId: string;
  /** Only events of these conversations; empty: every event of the account. */
  conversations: Conversation[];
  /** Exit after the first message from someone else. */
  once: boolean;
  /** First print this many of the latest messages (0: none). */
  tail: number;
  /** One JSON object per line instead of text. */
  json: boolean;
  /** Stops listening (Ctrl+C); the session then resolves normally. */
  signal?: AbortSignal;
}

/** Why the session ended. */
export type ListenEnd = 'once' | 'stopped' | { closed: { code: number; reason: string } };

/** Messages looked at for `--tail` without `<to>`: the newest of this many conversations. */
const TAIL_CONVERSATIONS = 20;
/** Messages looked at, per conversation, for an unread one already there when `--once` starts. */
const REPLY_LOOKBACK = 50;

/** How a line names its conversation when several are listened to: `@bob` or `#Crew`. */
function labelOf(conversation: Conversation): string {
  const title = formatConversationTitle(conversation);
  return conversation.type === 'direct' ? `@${title}` : title;
}

/** The conversation id of an event, or null for events of the account (friend requests). */
function conversationIdOf(event: RealtimeEvent): string | null {
  const data = event.data as { conversation_id?: unknown };
  return typeof data.conversation_id === 'string' ? data.conversation_id : null;
}

/** The latest `limit` messages of one conversation, oldest first. */
async function latestMessages(client: ImkitClient, conversationId: string, limit: number) {
  const page = await client.listMessages({
    path: { conversation_id: conversationId },
    query: { limit },
  });
  return page.items;
}

/** The latest `count` messages of the listened conversations (or the newest ones), oldest first. */
async function tailMessages(options: ListenOptions): Promise<Message[]> {
  const { client } = options;
  const conversations =
    options.conversations.length > 0
      ? options.conversations
      : (await client.listConversations({ query: { limit: TAIL_CONVERSATIONS } })).items;
  const all: Message[] = [];
  for (const conversation of conversations) {
    all.push(...(await latestMessages(client, conversation.id, options.tail)));
  }
  all.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
  return all.slice(-options.tail);
}

/**
 * An unread message already waiting: the first message from someone else after the caller's
 * read position (which their own sends move) in one of the listened conversations. So a script
 * running `imkit send bob hi && imkit listen bob --once` gets bob's answer even when it came
 * before the listener connected, and never one the user has already read.
 */
async function unreadAlreadyThere(options: ListenOptions): Promise<Message | null> {
  for (const { id } of options.conversations) {
    const conversation = await options.client.getConversation({ path: { conversation_id: id } });
    const messages = await latestMessages(options.client, id, REPLY_LOOKBACK);
    let cut = messages.findIndex((m) => m.id === conversation.last_read_message_id);
    messages.forEach((message, index) => {
      if (message.sender.id === options.myUserId && index > cut) cut = index;
    });
    const unread = messages.slice(cut + 1).find((m) => m.sender.id !== options.myUserId);
    if (unread) return unread;
  }
  return null;
}

/**
 * Prints the account's events as they arrive (operation `connectRealtime`): messages, edits,
 * recalls, reactions, friend and group events, as text lines or, with `json`, one
 * `{"type","position","data"}` object per line. Listening starts live; after a dropped
 * connection the SDK resumes from the last position, so nothing is lost or printed twice.
 * `tail` messages are printed first, and live events that repeat them are skipped.
 * @returns why it ended: `once` (the awaited message came), `stopped` (the signal), or the close
 *   code when the server ended the session (4401 token refused, 4403 session revoked).
 */
export async function runListenSession(options: ListenOptions): Promise<ListenEnd> {
  const { client, io, json } = options;
  const wanted = new Set(options.conversations.map((c) => c.id));
  const titles = new Map(options.conversations.map((c) => [c.id, labelOf(c)]));
  const labelled = options.conversations.length !== 1;
  const view = {
    myUserId: options.myUserId,
    label: (id: string) => (labelled ? (titles.get(id) ?? null) : null),
  };
  const printed = new Set<string>();
  const print = (event: RealtimeEvent, position: number | null) => {
    if (json) {
      io.stdout.write(`${JSON.stringify({ type: event.type, position, data: event.data })}\n`);
      return;
    }
    const line = formatListenEvent(event, view);
    if (line !== null) writeLine(io.stdout, line);
  };
  const remember = async (conversationId: string) => {
    if (!labelled || titles.has(conversationId)) return;
    const conversation = await client.getConversation({
      path: { conversation_id: conversationId },
    });
    titles.set(conversationId, labelOf(conversation));
  };

  const realtime = client.realtime();
  return new Promise<ListenEnd>((resolve, reject) => {
    let settled = false;
    // Live events wait here until the tail (and a reply already there) is printed.
    let backlog: { event: RealtimeEvent; position: number }[] | null = [];
    const finish = (end: ListenEnd) => {
      if (settled) return;
      settled = true;
      realtime.close();
      resolve(end);
    };
    /** Prints an event; `awaited` is false for `--tail` history, which never ends `--once`. */
    const handle = async (event: RealtimeEvent, position: number | null, awaited = true) => {
      const conversationId = conversationIdOf(event);
      if (wanted.size > 0 && (conversationId === null || !wanted.has(conversationId))) return;
      if (event.type === 'message.created') {
        if (printed.has(event.data.id)) return;
        printed.add(event.data.id);
      }
      if (conversationId !== null) await remember(conversationId);
      print(event, position);
      if (options.once && awaited && event.type === 'message.created') {
        if (event.data.sender.id !== options.myUserId) finish('once');
      }
    };
    let queue = Promise.resolve();
    realtime.on('event', (event, meta) => {
      if (backlog) backlog.push({ event, position: meta.position });
      else
        queue = queue
          .then(() => (settled ? undefined : handle(event, meta.position)))
          .catch(reject);
    });
    realtime.on('close', ({ code, reason }) => {
      if (!settled) finish({ closed: { code, reason } });
    });
    let resyncs = 0;
    realtime.on('resync', () => {
      // The first comes with every live start; a later one means a gap too long to replay.
      resyncs += 1;
      if (resyncs > 1) {
        writeLine(
          io.stderr,
          'note: events may have been missed while disconnected (see `imkit history`)',
        );
      }
    });
    options.signal?.addEventListener('abort', () => finish('stopped'), { once: true });
    realtime
      .connect()
      .then(async () => {
        if (options.tail > 0) {
          for (const message of await tailMessages(options)) {
            await handle({ type: 'message.created', data: message }, null, false);
          }
        }
        if (options.once && !settled) {
          const unread = await unreadAlreadyThere(options);
          // Printed already when it is one of the --tail messages.
          if (unread && printed.has(unread.id)) finish('once');
          else if (unread) await handle({ type: 'message.created', data: unread }, null);
        }
        // Events that came meanwhile go first, then the live ones, in one queue: stream order.
        const waiting = backlog ?? [];
        backlog = null;
        queue = queue
          .then(async () => {
            for (const { event, position } of waiting) {
              if (!settled) await handle(event, position);
            }
          })
          .catch(reject);
      })
      .catch((error: unknown) => {
        if (settled) return;
        settled = true;
        realtime.close();
        reject(error);
      });
  });
}
