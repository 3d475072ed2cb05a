import type { Database } from '../db/openDatabase.js';
import { eventsSince, type StoredEvent } from '../domain/events.js';

/** An event of a user's backlog at its stream position, as its stored JSON. */
export type BacklogEvent = StoredEvent;

/** Resolves on the next turn of the event loop, after pending I/O (sockets, HTTP) ran. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Reads the events a user sees after `since`, in batches of `batchSize` with a turn of the
 * event loop between batches, so a long backlog never holds up other sockets or HTTP.
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
  let after = since;
  for (;;) {
    const batch = await eventsSince(
      db,
      userId,
      after,
      Math.min(batchSize, max + 1 - backlog.length),
    );
    backlog.push(...batch);
    if (backlog.length > max) return undefined;
    if (batch.length < batchSize || batch.length === 0) return backlog;
    after = batch.at(-1)!.position;
    await nextTurn();
  }
}
