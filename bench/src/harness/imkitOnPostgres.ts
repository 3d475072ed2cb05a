import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ServerChild, startChild } from './child.js';
import { createPostgresStore, type PostgresStore, postgresUnavailable } from './postgresStore.js';
import type { Row } from './table.js';

/** Starts a server child; the children are stopped when the benchmark ends. */
export type StartChild = (name: string, env?: Record<string, string>) => Promise<ServerChild>;

/** What a PostgreSQL benchmark gets: stores of its own and a way to start servers on them. */
export interface PostgresBench {
  /** Creates a fresh database and Redis key prefix, dropped when the benchmark ends. */
  newStore(): Promise<PostgresStore>;
  /** Starts one imkit server process on `store` (PostgreSQL + Redis, the server's defaults). */
  startImkit(store: PostgresStore): Promise<ServerChild>;
  /** Starts any other server child (the raw baselines). */
  start: StartChild;
}

/**
 * Runs a benchmark that needs PostgreSQL and Redis: when either is not reachable, returns one
 * `n/a` row saying why (`figure` names it) instead of running `use`. Whatever `use` does, every
 * server it started is stopped, then its databases dropped and Redis keys deleted.
 */
export async function withPostgres(
  figure: string,
  use: (bench: PostgresBench) => Promise<Row[]>,
): Promise<Row[]> {
  const why = await postgresUnavailable();
  if (why) return [{ figure, unit: '', baselineName: '', unavailable: why }];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-bench-postgres-'));
  const stores: PostgresStore[] = [];
  const servers: ServerChild[] = [];
  const start: StartChild = async (name, env) => {
    const child = await startChild(name, env);
    servers.push(child);
    return child;
  };
  try {
    return await use({
      async newStore() {
        const store = await createPostgresStore();
        stores.push(store);
        return store;
      },
      startImkit: (store) => start('imkit', { IMKIT_BENCH_DATA_DIR: dataDir, ...store.env }),
      start,
    });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const store of stores) await store.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
