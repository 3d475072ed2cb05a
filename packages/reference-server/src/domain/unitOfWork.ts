import type { Transaction } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { BatchOutbox, WriteBatcher } from '../db/WriteBatcher.js';
import { appendEvents, type CommittedEvent, type NewEvent } from './events.js';

/** Records an event inside the running unit of work; it is stored and pushed only after commit. */
export type Emit = (event: NewEvent) => void;

/** The group-commit batcher of the server's writes, whose units emit events. */
export type EventBatcher = WriteBatcher<DatabaseSchema, NewEvent, CommittedEvent[]>;

/**
 * The outbox of every write batch: the events the batch's units emitted are appended to the
 * stream last, just before COMMIT ({@link appendEvents}), and handed to `publish` once the
 * batch is durable.
 * @param publish receives each committed batch's events, in position order.
 */
export function eventOutbox(
  publish: (events: CommittedEvent[]) => void,
): BatchOutbox<DatabaseSchema, NewEvent, CommittedEvent[]> {
  return {
    seal: (trx, emitted) => appendEvents(trx, emitted),
    committed: (events) => {
      if (events.length > 0) publish(events);
    },
  };
}

/**
 * Runs `work` as one unit of a group-committed transaction (see {@link WriteBatcher}); the
 * events it emits are stored with the batch and published only after it commits. A failure
 * rolls back the unit's writes and drops its events, so no half-written state is left and
 * nothing is announced that was not stored. `work` must use only `trx`: the batch holds the
 * database connection while it runs.
 * @param lockKey what the unit locks first (its conversation): see {@link WriteBatcher.run}.
 */
export function unitOfWork<T>(
  batcher: EventBatcher,
  work: (trx: Transaction<DatabaseSchema>, emit: Emit) => Promise<T>,
  lockKey?: string,
): Promise<T> {
  return batcher.run(work, lockKey);
}
