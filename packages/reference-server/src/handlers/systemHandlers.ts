import { sql } from 'kysely';
import type { Database } from '../db/openDatabase.js';
import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';
import type { Schema } from '../spec/operationTypes.js';

/** How long `GET /health` waits for the database to answer, in ms, before reporting it down. */
export const DATABASE_CHECK_TIMEOUT_MS = 2000;

/**
 * Whether the database answers `select 1` within `timeoutMs` ms. Never throws and never waits
 * longer: a destroyed pool, a refused connection or a stalled server all count as down.
 */
export async function databaseAnswers(db: Database, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The health report of this process from its dependencies' states (schema `Health`). */
function healthReport(
  version: string,
  database: boolean,
  redis: 'up' | 'down' | undefined,
): Schema<'Health'> {
  const checks = { database: database ? 'up' : 'down', redis: redis ?? 'not_configured' } as const;
  const status = !database ? 'unavailable' : redis === 'down' ? 'degraded' : 'ok';
  return { status, version, time: new Date().toISOString(), checks };
}

/**
 * Handler for `getHealth`: 200 while the database answers within
 * {@link DATABASE_CHECK_TIMEOUT_MS} (`degraded` when Redis is down: this process keeps
 * serving), 503 with the same body when it does not, so a load balancer stops routing here.
 */
export function systemHandlers(services: Services, version: string): OperationHandlers {
  return {
    async getHealth() {
      const database = await databaseAnswers(services.db, DATABASE_CHECK_TIMEOUT_MS);
      const body = healthReport(version, database, services.redisState?.());
      return { status: database ? 200 : 503, body };
    },
  };
}
