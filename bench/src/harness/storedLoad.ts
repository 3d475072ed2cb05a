import type { ServerChild } from './child.js';
import type { PostgresStore } from './postgresStore.js';
import { type Load, type Sender, sendLoad } from './sendLoad.js';
import { sleep } from './sockets.js';

/** A send load run on PostgreSQL, with what the database says about it. */
export interface StoredLoad extends Load {
  /** Sends per group-commit transaction (messages stored / transactions that stored them). */
  sendsPerBatch: number;
  /** Group-commit transactions that stored messages, per second of the run. */
  batchesPerSec: number;
}

/** Messages in the database; once it stops growing, no send of a finished run is in flight. */
async function settle(store: PostgresStore): Promise<void> {
  let last = -1;
  for (let waited = 0; waited < 30_000; waited += 200) {
    const [row] = await store.query<{ n: string }>('select count(*) as n from messages');
    const n = Number(row?.n);
    if (n === last) return;
    last = n;
    await sleep(200);
  }
}

/**
 * {@link sendLoad} against imkit process(es) on `store`, then: waits until the sends still in
 * flight when autocannon stopped are stored (so they do not count in the next run), checks
 * that every acknowledged send is in the database (by its client id), and counts the
 * transactions the run's messages were stored in. Each row carries the id of the transaction
 * that wrote it (`xmin`); a message is written inside its unit's savepoint, a subtransaction
 * with an id of its own, but a batch's events are appended by the batch transaction itself, so
 * the distinct `xmin`s of the run's events are its batches.
 * @throws Error when an acknowledged send is missing from the database, or as `sendLoad`.
 */
export async function storedLoad(
  store: PostgresStore,
  servers: ServerChild | readonly ServerChild[],
  senders: Sender[],
  seconds: number,
): Promise<StoredLoad> {
  const since = new Date().toISOString();
  const result = await sendLoad(servers, senders, seconds, { recordAcknowledged: true });
  await settle(store);
  const acknowledged = result.acknowledged ?? [];
  const [counts] = await store.query<{ found: string; messages: string; batches: string }>(
    `select (select count(*) from messages where client_message_id = any($1)) as found,
       (select count(*) from messages where created_at >= $2) as messages,
       (select count(distinct xmin::text) from events where created_at >= $2) as batches`,
    [acknowledged, since],
  );
  const found = Number(counts?.found);
  if (found !== acknowledged.length) {
    throw new Error(
      `send load: ${acknowledged.length - found} of ${acknowledged.length} acknowledged sends are not in the database`,
    );
  }
  const messages = Number(counts?.messages);
  const batches = Number(counts?.batches);
  return { ...result, sendsPerBatch: messages / batches, batchesPerSec: batches / seconds };
}
