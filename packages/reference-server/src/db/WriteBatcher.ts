import type { ControlledTransaction, Kysely, Transaction } from 'kysely';

/**
 * A unit of work: writes (and reads) that succeed or fail together. `emit` records something
 * to publish once the unit commits (an event); what a failed unit emitted is dropped.
 */
export type BatchedWork<DB, T, E = never> = (
  trx: Transaction<DB>,
  emit: (item: E) => void,
) => Promise<T>;

/**
 * What a batch does with what its units emitted: stores it inside the batch transaction, last,
 * just before COMMIT, and publishes it once the commit is durable.
 * @typeParam E what units emit (a new event); S what sealing it gives (the stored events).
 */
export interface BatchOutbox<DB, E, S> {
  /** Stores the emitted items of every unit that succeeded, in unit order, inside `trx`. */
  seal(trx: Transaction<DB>, emitted: E[]): Promise<S>;
  /** Called once the batch committed, before any caller is answered. */
  committed(sealed: S): void;
}

/** How a {@link WriteBatcher} batches, stores what units emit, and retries. */
export interface WriteBatcherOptions<DB, E, S> {
  /** Most units in one transaction. Default: {@link DEFAULT_MAX_BATCH_SIZE}. */
  maxBatchSize?: number;
  /** Where emitted items go; without it units must not emit. */
  outbox?: BatchOutbox<DB, E, S>;
  /**
   * Errors after which the whole batch runs again in a new transaction (PostgreSQL deadlocks
   * between server processes), at most {@link MAX_ATTEMPTS} times. Default: none.
   */
  retryBatch?: (error: unknown) => boolean;
  /**
   * Errors after which one unit runs again once, from its savepoint (a unique key taken by
   * another process's committed transaction: the second run sees it). Default: none.
   */
  retryUnit?: (error: unknown) => boolean;
}

interface Queued<DB, E> {
  work: BatchedWork<DB, unknown, E>;
  /** The unit's lock order key (see {@link WriteBatcher.run}); '' when it has none. */
  lockKey: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** The caller was answered with an error already (its unit failed). */
  refused: boolean;
}

type Outcome<E> = { ok: true; value: unknown; emitted: E[] } | { ok: false };

/** Default most units of work that share one transaction. */
export const DEFAULT_MAX_BATCH_SIZE = 256;

/** How many times a batch runs when {@link WriteBatcherOptions.retryBatch} says it may. */
export const MAX_ATTEMPTS = 3;

/** The savepoint each unit runs under inside the batch transaction. */
const UNIT = 'unit_of_work';

/**
 * Group commit: units of work queued in the same event-loop turn (and those queued while a
 * batch runs) share one transaction, so one commit, and one fsync, makes all of them durable.
 * Each unit runs under its own savepoint, one after another, so a later unit sees the writes of
 * earlier ones; a unit that throws is rolled back to its savepoint alone (nothing of it stays)
 * and its caller gets the error at once, while the others carry on. What the units emitted is
 * stored by the outbox last, just before COMMIT (so locks it takes are held briefly). Every
 * other caller is answered only after the batch commits; if the commit (or the transaction
 * itself) fails, all of the batch's callers get that error and nothing of the batch is stored.
 * Uses only standard `SAVEPOINT` commands through kysely, so it works on any dialect.
 */
export class WriteBatcher<DB, E = never, S = void> {
  private queue: Queued<DB, E>[] = [];
  private scheduled = false;
  private running: Promise<void> | undefined;
  private readonly maxBatchSize: number;

  /**
   * @param db the database; the batcher holds one connection while a batch runs.
   * @param options batch size, outbox and retry rules (see {@link WriteBatcherOptions}).
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: WriteBatcherOptions<DB, E, S> = {},
  ) {
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  }

  /**
   * Queues `work` for the next batch.
   * @param lockKey the key of the first row the unit write-locks (e.g. its conversation id).
   *   A batch runs its units sorted by this key (units with the same key, or none, keep their
   *   order), so every process takes row locks in the same order and two batches never
   *   deadlock over them.
   * @returns what `work` returned, once its batch has committed.
   * @throws what `work` threw (its writes are rolled back), or the batch's commit error.
   */
  run<T>(work: BatchedWork<DB, T, E>, lockKey = ''): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        work,
        lockKey,
        resolve: resolve as (value: unknown) => void,
        reject,
        refused: false,
      });
      this.schedule();
    });
  }

  /** Resolves once every queued unit has been committed or refused. */
  async idle(): Promise<void> {
    while (this.running || this.scheduled || this.queue.length > 0) {
      await (this.running ?? new Promise((resolve) => setImmediate(resolve)));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.drain().finally(() => {
        this.running = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      // Stable: units with equal keys keep their arrival order.
      batch.sort((a, b) => (a.lockKey < b.lockKey ? -1 : a.lockKey > b.lockKey ? 1 : 0));
      await this.runBatch(batch);
    }
  }

  private async runBatch(batch: Queued<DB, E>[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const pending = batch.filter((unit) => !unit.refused);
      if (pending.length === 0) return;
      try {
        const { outcomes, sealed } = await this.commitBatch(pending);
        if (this.options.outbox) this.options.outbox.committed(sealed as S);
        pending.forEach((unit, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) unit.resolve(outcome.value);
        });
        return;
      } catch (error) {
        if (attempt < MAX_ATTEMPTS && this.options.retryBatch?.(error)) continue;
        for (const unit of pending) if (!unit.refused) unit.reject(error);
        return;
      }
    }
  }

  /** Runs the batch in one transaction; failed units are refused at once, the rest returned. */
  private async commitBatch(
    batch: Queued<DB, E>[],
  ): Promise<{ outcomes: Outcome<E>[]; sealed: S | undefined }> {
    const trx = await this.db.startTransaction().execute();
    try {
      const outcomes: Outcome<E>[] = [];
      for (const unit of batch) outcomes.push(await this.runUnit(trx, unit));
      const emitted = outcomes.flatMap((outcome) => (outcome.ok ? outcome.emitted : []));
      const sealed = this.options.outbox ? await this.options.outbox.seal(trx, emitted) : undefined;
      await trx.commit().execute();
      return { outcomes, sealed };
    } catch (error) {
      if (!trx.isCommitted && !trx.isRolledBack)
        await trx
          .rollback()
          .execute()
          .catch(() => {});
      throw error;
    }
  }

  /**
   * One unit under its savepoint (run twice when {@link WriteBatcherOptions.retryUnit} allows);
   * a failure of the savepoint commands, or an error the batch should retry, fails the batch.
   */
  private async runUnit(trx: ControlledTransaction<DB>, unit: Queued<DB, E>): Promise<Outcome<E>> {
    for (let run = 1; ; run++) {
      const inUnit = await trx.savepoint(UNIT).execute();
      const emitted: E[] = [];
      try {
        const value = await unit.work(inUnit, (item) => {
          if (!this.options.outbox) throw new Error('this WriteBatcher has no outbox to emit to');
          emitted.push(item);
        });
        await inUnit.releaseSavepoint(UNIT).execute();
        return { ok: true, value, emitted };
      } catch (error) {
        await inUnit.rollbackToSavepoint(UNIT).execute();
        await inUnit.releaseSavepoint(UNIT).execute();
        if (this.options.retryBatch?.(error)) throw error;
        if (run === 1 && this.options.retryUnit?.(error)) continue;
        unit.refused = true;
        unit.reject(error);
        return { ok: false };
      }
    }
  }
}
