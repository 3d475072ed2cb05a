import type { PostgresStore } from './postgresStore.js';

/**
 * The deadlocks PostgreSQL has detected in `store`'s database so far (`pg_stat_database`).
 * Backends report their statistics now and then, and always when they exit: read this after
 * the servers using the database have stopped, or the count may lag.
 */
export async function deadlocksIn(store: PostgresStore): Promise<number> {
  const [stats] = await store.query<{ deadlocks: string }>(
    'select deadlocks from pg_stat_database where datname = current_database()',
  );
  return Number(stats?.deadlocks ?? 0);
}
