import type { Database } from '../db/openDatabase.js';
import { senderOf } from '../domain/conversationViews.js';
import { eventsSince, type StoredEvent } from '../domain/events.js';
import { toMessage } from '../domain/messageViews.js';
import { userColumns } from '../domain/userViews.js';

/** An event of a user's backlog at its stream position, as its stored JSON. */
export type BacklogEvent = StoredEvent;

/** Resolves on the next turn of the event loop, after pending I/O (sockets, HTTP) ran. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Events that carry a whole message as it was then: a replay shows it as it is now. */
const MESSAGE_SNAPSHOTS = new Set(['message.created', 'message.updated']);
/** Events about one message, left out of the replay of a user who deleted it for themselves. */
const ABOUT_A_MESSAGE = new Set([
  ...MESSAGE_SNAPSHOTS,
  'message.recalled',
  'message.deleted',
  'reaction.added',
  'reaction.removed',
]);

/** The id of the message an event is about (`Message.id` or `ReactionChange.message_id`). */
function messageIdOf(payload: string): string | undefined {
  const data = (JSON.parse(payload) as { data?: { id?: string; message_id?: string } }).data;
  return data?.message_id ?? data?.id;
}

/**
 * Brings replayed events about messages up to date for `userId` (see `docs/decisions.md`,
 * "Message changes and what a resuming client sees"): a `message.created` or `message.updated`
 * of a message changed since (edited, recalled, deleted for everyone, or quoting one that was)
 * carries the message as it is now, so a recalled text never reaches a resuming client; events
 * about messages the user deleted for themselves are left out. One query per batch, which
 * returns only the changed or hidden messages among those the batch is about; the other
 * payloads go out as stored.
 */
export async function currentMessageEvents(
  db: Database,
  userId: string,
  events: readonly BacklogEvent[],
): Promise<BacklogEvent[]> {
  const about = new Map<number, string>();
  for (const event of events) {
    if (!event.type || !ABOUT_A_MESSAGE.has(event.type)) continue;
    const id = messageIdOf(event.payload);
    if (id) about.set(event.position, id);
  }
  if (about.size === 0) return [...events];
  const rows = await db
    .selectFrom('messages')
    .innerJoin('users', 'users.id', 'messages.sender_id')
    .leftJoin('message_hides as h', (join) =>
      join.onRef('h.message_id', '=', 'messages.id').on('h.user_id', '=', userId),
    )
    .selectAll('messages')
    .select(userColumns.map((c) => `users.${c} as sender_${c}` as const))
    .select('h.user_id as hidden_by')
    .where('messages.id', 'in', [...new Set(about.values())])
    .where((eb) =>
      eb.or([eb('messages.changed_at', 'is not', null), eb('h.user_id', 'is not', null)]),
    )
    .execute();
  if (rows.length === 0) return [...events];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const out: BacklogEvent[] = [];
  for (const event of events) {
    const id = about.get(event.position);
    const row = id === undefined ? undefined : byId.get(id);
    if (!row) out.push(event);
    else if (row.hidden_by !== null) continue;
    else if (MESSAGE_SNAPSHOTS.has(event.type!)) {
      const data = toMessage(row, senderOf(row));
      out.push({ ...event, payload: JSON.stringify({ type: event.type, data }) });
    } else out.push(event);
  }
  return out;
}

/**
 * Reads the events a user sees after `since`, in batches of `batchSize` with a turn of the
 * event loop between batches, so a long backlog never holds up other sockets or HTTP. Events
 * about messages show them as they are now ({@link currentMessageEvents}).
 * @param max most events a resume may replay (`ServerConfig.maxResumeBacklog`).
 * @returns the events, oldest first, or undefined when there are more than `max`
 *   (the client must resync over HTTP).
 */
export async function readBacklog(
  db: Database,
  userId: string,
  since: number,
  max: number,
  batchSize: number,
): Promise<BacklogEvent[] | undefined> {
  const backlog: BacklogEvent[] = [];
  let read = 0;
  let after = since;
  for (;;) {
    const batch = await eventsSince(db, userId, after, Math.min(batchSize, max + 1 - read));
    read += batch.length;
    if (read > max) return undefined;
    backlog.push(...(await currentMessageEvents(db, userId, batch)));
    if (batch.length < batchSize || batch.length === 0) return backlog;
    after = batch.at(-1)!.position;
    await nextTurn();
  }
}
