import type { TestServer } from './testServer.js';

/**
 * Makes a message look `ms` milliseconds older by moving its `created_at` back in the database:
 * the test-only way to reach the recall (2 minutes) and edit (24 hours) windows without waiting.
 * @param t the running test server (its database is used directly).
 */
export async function ageMessage(t: TestServer, messageId: string, ms: number): Promise<void> {
  const row = await t.server.services.db
    .selectFrom('messages')
    .select('created_at')
    .where('id', '=', messageId)
    .executeTakeFirstOrThrow();
  await t.server.services.db
    .updateTable('messages')
    .set({ created_at: new Date(Date.parse(row.created_at) - ms).toISOString() })
    .where('id', '=', messageId)
    .execute();
}
