import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import type { EventSequencer } from '../realtime/EventSequencer.js';
import { appendEvent, type NewEvent } from './events.js';

/** Records an event inside the running transaction; it is pushed only after commit. */
export type Emit = (event: NewEvent) => Promise<void>;

/**
 * Runs `work` in one database transaction and, only after it commits, publishes the
 * events it emitted. A failure rolls everything back and publishes nothing, so no
 * half-written state is left and nothing is announced that was not stored.
 */
export async function unitOfWork<T>(
  db: Database,
  sequencer: EventSequencer,
  work: (trx: Transaction<DatabaseSchema>, emit: Emit) => Promise<T>,
): Promise<T> {
  const emitted: Awaited<ReturnType<typeof appendEvent>>[] = [];
  const result = await db.transaction().execute((trx) =>
    work(trx, async (event) => {
      emitted.push(await appendEvent(trx, event));
    }),
  );
  sequencer.publish(emitted);
  return result;
}
