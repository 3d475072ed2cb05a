import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';

type ReactionSummary = Schema<'ReactionSummary'>;

/**
 * The reactions of some messages as one caller sees them (`ReactionSummary`: emoji, how many
 * members used it, whether the caller did), most used first, then the emoji used first. One
 * grouped query whatever the number of messages.
 * @returns per message id its summaries; messages without reactions are absent.
 */
export async function reactionSummaries(
  db: Kysely<DatabaseSchema>,
  callerId: string,
  messageIds: readonly string[],
): Promise<Map<string, ReactionSummary[]>> {
  const out = new Map<string, ReactionSummary[]>();
  if (messageIds.length === 0) return out;
  const rows = await db
    .selectFrom('message_reactions')
    .select([
      'message_id',
      'emoji',
      (eb) => eb.fn.countAll<string | number>().as('count'),
      sql<number>`max(case when user_id = ${callerId} then 1 else 0 end)`.as('mine'),
      (eb) => eb.fn.min('created_at').as('first_at'),
    ])
    .where('message_id', 'in', [...messageIds])
    .groupBy(['message_id', 'emoji'])
    .execute();
  const sorted = rows
    .map((r) => ({ ...r, count: Number(r.count), mine: Number(r.mine) === 1 }))
    .sort((a, b) => b.count - a.count || (a.first_at < b.first_at ? -1 : 1));
  for (const r of sorted) {
    const list = out.get(r.message_id) ?? [];
    list.push({ emoji: r.emoji, count: r.count, reacted_by_me: r.mine });
    out.set(r.message_id, list);
  }
  return out;
}
