import type { Database } from '../db/openDatabase.js';

/**
 * The users among `candidates` who may see `userId`'s ephemeral events (typing, presence):
 * everyone except `userId` and those with a block between them and `userId`, either way
 * (table `blocks`). One query, none when there is no candidate.
 */
export async function ephemeralAudience(
  db: Database,
  userId: string,
  candidates: readonly string[],
): Promise<string[]> {
  const others = candidates.filter((id) => id !== userId);
  if (others.length === 0) return others;
  const blocked = await db
    .selectFrom('blocks')
    .select(['blocker_id', 'blocked_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('blocker_id', '=', userId), eb('blocked_id', 'in', others)]),
        eb.and([eb('blocked_id', '=', userId), eb('blocker_id', 'in', others)]),
      ]),
    )
    .execute();
  if (blocked.length === 0) return others;
  const excluded = new Set(blocked.flatMap((row) => [row.blocker_id, row.blocked_id]));
  return others.filter((id) => !excluded.has(id));
}
