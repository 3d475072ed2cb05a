import { type Kysely, sql, type Transaction } from 'kysely';
import type { DatabaseSchema, EventsTable } from '../db/DatabaseSchema.js';
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
  /** For personal events (friend requests): the users who see it, stored one row each. */
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
}

const insertEvent = new ReusableQuery(
  (db: Kysely<DatabaseSchema>, p: Omit<EventsTable, 'position'>) =>
    db
      .insertInto('events')
      .values({
        type: p.type,
        conversation_id: p.conversation_id,
        payload: p.payload,
        created_at: p.created_at,
      })
      .returning('position'),
);

/** Appends an event to the stream inside `trx`; the position is final when `trx` commits. */
export async function appendEvent(
  trx: Transaction<DatabaseSchema>,
  input: NewEvent,
): Promise<CommittedEvent> {
  const payload = JSON.stringify(input.event);
  const [inserted] = await insertEvent.execute(trx, {
    type: input.event.type,
    conversation_id: input.conversationId ?? null,
    payload,
    created_at: nowIso(),
  });
  const position = inserted!.position;
  if (input.recipients?.length) {
    await trx
      .insertInto('event_recipients')
      .values(input.recipients.map((user_id) => ({ position, user_id })))
      .execute();
  }
  return { position, payload, audience: input.audience };
}

/** The newest position in the stream (0 when empty). */
export async function headPosition(db: Database): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select(sql<number>`coalesce(max(position), 0)`.as('head'))
    .executeTakeFirstOrThrow();
  return Number(row.head);
}

/**
 * The events a user sees after `since`, oldest first, at most `limit`: events of the
 * conversations the user belongs to, and personal events addressed to the user. Payloads stay
 * JSON: they go to the socket as they are, never parsed and serialised again.
 */
export async function eventsSince(
  db: Database,
  userId: string,
  since: number,
  limit: number,
): Promise<StoredEvent[]> {
  return db
    .selectFrom('events')
    .select(['position', 'payload'])
    .where('position', '>', since)
    .where((eb) =>
      eb.or([
        eb(
          'conversation_id',
          'in',
          eb
            .selectFrom('conversation_members')
            .select('conversation_id')
            .where('user_id', '=', userId),
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
