import type { ControlledTransaction, Kysely, Transaction } from 'kysely';

/** A unit of work: writes (and reads) that succeed or fail together. */
export type BatchedWork<DB, T> = (trx: Transaction<DB>) => Promise<T>;

interface Queued<DB> {
  work: BatchedWork<DB, unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Default most units of work that share one transaction. */
export const DEFAULT_MAX_BATCH_SIZE = 256;

/** The savepoint each unit runs under inside the batch transaction. */
const UNIT = 'unit_of_work';

/**
 * Group commit: units of work queued in the same event-loop turn (and those queued while a
 * batch runs) share one transaction, so one commit, and one fsync, makes all of them durable.
 * Each unit runs under its own savepoint, one after another, so a later unit sees the writes of
 * earlier ones; a unit that throws is rolled back to its savepoint alone (nothing of it stays)
 * and its caller gets the error at once, while the others carry on. Every other caller is
 * answered only after the batch commits; if the commit (or the transaction itself) fails, all
 * of the batch's callers get that error and nothing of the batch is stored.
 * Uses only standard `SAVEPOINT` commands through kysely, so it works on any dialect.
 */
export class WriteBatcher<DB> {
  private queue: Queued<DB>[] = [];
  private scheduled = false;
  private running: Promise<void> | undefined;

  /**
   * @param db the database; the batcher holds its connection while a batch runs.
   * @param maxBatchSize most units in one transaction. Default: {@link DEFAULT_MAX_BATCH_SIZE}.
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly maxBatchSize = DEFAULT_MAX_BATCH_SIZE,
  ) {}

  /**
   * Queues `work` for the next batch.
   * @returns what `work` returned, once its batch has committed.
   * @throws what `work` threw (its writes are rolled back), or the batch's commit error.
   */
  run<T>(work: BatchedWork<DB, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
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
      await this.runBatch(batch);
    }
  }

  private async runBatch(batch: Queued<DB>[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.commitBatch(batch);
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    }
    batch.forEach((unit, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) unit.resolve(outcome.value);
    });
  }

  /** Runs the batch in one transaction; failed units are refused at once, the rest returned. */
  private async commitBatch(batch: Queued<DB>[]): Promise<Outcome[]> {
    const trx = await this.db.startTransaction().execute();
    try {
      const outcomes: Outcome[] = [];
      for (const unit of batch) outcomes.push(await this.runUnit(trx, unit));
      await trx.commit().execute();
      return outcomes;
    } catch (error) {
      if (!trx.isCommitted && !trx.isRolledBack)
        await trx
          .rollback()
          .execute()
          .catch(() => {});
      throw error;
    }
  }

  /** One unit under its savepoint; a failure of the savepoint commands fails the batch. */
  private async runUnit(trx: ControlledTransaction<DB>, unit: Queued<DB>): Promise<Outcome> {
    const inUnit = await trx.savepoint(UNIT).execute();
    let outcome: Outcome;
    try {
      outcome = { ok: true, value: await unit.work(inUnit) };
    } catch (error) {
      await inUnit.rollbackToSavepoint(UNIT).execute();
      unit.reject(error);
      outcome = { ok: false, error };
    }
    await inUnit.releaseSavepoint(UNIT).execute();
    return outcome;
  }
}
