import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { WriteBatcher } from '../db/WriteBatcher.js';
import type { EventSequencer } from '../realtime/EventSequencer.js';
import { appendEvent, type CommittedEvent, type NewEvent } from './events.js';

/** Records an event inside the running transaction; it is pushed only after commit. */
export type Emit = (event: NewEvent) => Promise<void>;

/**
 * Runs `work` as one unit of a group-committed transaction (see {@link WriteBatcher}) and, only
 * after that transaction commits, publishes the events it emitted. A failure rolls back the
 * unit's writes and events and publishes nothing, so no half-written state is left and nothing
 * is announced that was not stored. `work` must use only `trx`: the database's one connection
 * is held by the batch while it runs.
 */
export async function unitOfWork<T>(
  batcher: WriteBatcher<DatabaseSchema>,
  sequencer: EventSequencer,
  work: (trx: Transaction<DatabaseSchema>, emit: Emit) => Promise<T>,
): Promise<T> {
  const { result, emitted } = await batcher.run(async (trx) => {
    const emitted: CommittedEvent[] = [];
    const result = await work(trx, async (event) => {
      emitted.push(await appendEvent(trx, event));
    });
    return { result, emitted };
  });
  sequencer.publish(emitted);
  return result;
}
