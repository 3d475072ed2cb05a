import { sql } from 'kysely';
import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handler for `getHealth`: answers only when the database answers. */
export function systemHandlers(services: Services, version: string): OperationHandlers {
  return {
    async getHealth() {
      await sql`select 1`.execute(services.db);
      return { status: 200, body: { status: 'ok', version, time: new Date().toISOString() } };
    },
  };
}
