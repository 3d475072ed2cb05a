import type { Kysely, Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import { ReusableQuery } from '../db/ReusableQuery.js';
import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';

/** A realtime event (`RealtimeEvent` in the spec). */
export type RealtimeEvent = Schema<'RealtimeEvent'>;

/** An event a transaction wants to publish once it commits. */
export interface NewEvent {
  event: RealtimeEvent;
  /** For conversation events: every current member sees it (no per-recipient rows). */
  conversationId?: string;
  /**
   * Users who see it besides the conversation's members, stored one row each: the audience of
   * personal events (friend requests), or the member a `group.member_removed` is about.
   */
  recipients?: string[];
  /** Who gets it live now: the conversation's members or the recipients. */
  audience: string[];
}

/** An event stored at its stream position. */
export interface CommittedEvent {
  position: number;
  /** The event's JSON exactly as stored, reused for the wire so it is serialised only once. */
  payload: string;
  audience: string[];
}

/** A stored event a user sees, as its JSON (see {@link eventsSince}). */
export interface StoredEvent {
  position: number;
  /** The `RealtimeEvent` as JSON, as stored. */
  payload: string;
  /** The event's `type`, as stored beside it (so a reader needs not parse the payload). */
  type?: string;
}

/** Rows per multi-row INSERT: 5 columns × 200 stays far below SQLite's 32,766 parameters. */
const ROWS_PER_INSERT = 200;

/** Takes `count` positions: adds to the stream head and returns the new head (the last one). */
const takePositions = new ReusableQuery((db: Kysely<DatabaseSchema>, p: { count: number }) =>
  db
    .updateTable('stream_head')
    .set((eb) => ({ position: eb('position', '+', p.count) }))
    .where('id', '=', 1)
    .returning('position'),
);

/** Splits `items` into consecutive chunks of at most `size`. */
function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Appends events to the stream inside `trx`, as the last writes before COMMIT: one update of
 * the stream head takes a run of positions (and write-locks the head until the transaction
 * ends), then the events and their personal recipients are inserted in a few multi-row
 * statements. Because the head is locked from this moment to COMMIT, transactions that append
 * commit one after another in position order and a rolled-back one gives its positions back:
 * positions are gapless and a reader that sees position P also sees every position below P,
 * on SQLite and on PostgreSQL with many writing processes (see `docs/decisions.md`).
 * @returns the stored events with their positions, in the order given.
 */
export async function appendEvents(
  trx: Transaction<DatabaseSchema>,
  events: readonly NewEvent[],
): Promise<CommittedEvent[]> {
  if (events.length === 0) return [];
  const head = await takePositions.first(trx, { count: events.length });
  const first = head!.position - events.length + 1;
  const createdAt = nowIso();
  const committed = events.map((input, i) => ({
    position: first + i,
    payload: JSON.stringify(input.event),
    audience: input.audience,
  }));
  for (const part of chunks(
    events.map((input, i) => ({ input, stored: committed[i]! })),
    ROWS_PER_INSERT,
  )) {
    await trx
      .insertInto('events')
      .values(
        part.map(({ input, stored }) => ({
          position: stored.position,
          type: input.event.type,
          conversation_id: input.conversationId ?? null,
          payload: stored.payload,
          created_at: createdAt,
        })),
      )
      .execute();
  }
  const recipients = events.flatMap((input, i) =>
    (input.recipients ?? []).map((user_id) => ({ position: committed[i]!.position, user_id })),
  );
  for (const part of chunks(recipients, ROWS_PER_INSERT)) {
    await trx.insertInto('event_recipients').values(part).execute();
  }
  return committed;
}

/** The newest position in the stream (0 when empty): the stream head. */
export async function headPosition(db: Database): Promise<number> {
  const row = await db
    .selectFrom('stream_head')
    .select('position')
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.position);
}

/**
 * Committed events from `from` on (inclusive), oldest first, at most `limit`, each with its
 * audience as of now: the conversation's current members and the event's personal recipients
 * (e.g. the member a `group.member_removed` is about). A
 * server process reads these to fill the gaps in what reached it from other processes.
 */
export async function committedEventsFrom(
  db: Database,
  from: number,
  limit: number,
): Promise<CommittedEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['position', 'payload', 'conversation_id'])
    .where('position', '>=', from)
    .orderBy('position')
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];
  const conversationIds = [
    ...new Set(rows.flatMap((r) => (r.conversation_id ? [r.conversation_id] : []))),
  ];
  const members = new Map<string, string[]>();
  if (conversationIds.length > 0) {
    const memberRows = await db
      .selectFrom('conversation_members')
      .select(['conversation_id', 'user_id'])
      .where('conversation_id', 'in', conversationIds)
      .where('left_position', 'is', null)
      .execute();
    for (const { conversation_id, user_id } of memberRows) {
      members.set(conversation_id, [...(members.get(conversation_id) ?? []), user_id]);
    }
  }
  const positions = rows.map((r) => Number(r.position));
  const recipients = new Map<number, string[]>();
  {
    const recipientRows = await db
      .selectFrom('event_recipients')
      .select(['position', 'user_id'])
      .where('position', 'in', positions)
      .execute();
    for (const { position, user_id } of recipientRows) {
      const key = Number(position);
      recipients.set(key, [...(recipients.get(key) ?? []), user_id]);
    }
  }
  return rows.map((row) => {
    const position = Number(row.position);
    const personal = recipients.get(position) ?? [];
    const current = row.conversation_id ? (members.get(row.conversation_id) ?? []) : [];
    return { position, payload: row.payload, audience: [...new Set([...current, ...personal])] };
  });
}

/**
 * The events a user sees after `since`, oldest first, at most `limit`: the events of each
 * conversation the user is or was in, from when they joined (`joined_position`) until they left
 * (`left_position`), and personal events addressed to the user. Payloads stay JSON: they go to
 * the socket as they are, never parsed and serialised again.
 */
export async function eventsSince(
  db: Database,
  userId: string,
  since: number,
  limit: number,
): Promise<StoredEvent[]> {
  return db
    .selectFrom('events')
    .select(['position', 'payload', 'type'])
    .where('position', '>', since)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('conversation_members as cm')
            .select('cm.user_id')
            .whereRef('cm.conversation_id', '=', 'events.conversation_id')
            .where('cm.user_id', '=', userId)
            .whereRef('cm.joined_position', '<', 'events.position')
            .where((inner) =>
              inner.or([
                inner('cm.left_position', 'is', null),
                inner('cm.left_position', '>=', inner.ref('events.position')),
              ]),
            ),
        ),
        eb(
          'position',
          'in',
          eb
            .selectFrom('event_recipients')
            .select('position')
            .where('user_id', '=', userId)
            .where('position', '>', since),
        ),
      ]),
    )
    .orderBy('position')
    .limit(limit)
    .execute();
}
