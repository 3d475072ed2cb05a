import type { RequestCounts } from '../servers/serve.js';
import type { ServerChild } from './child.js';
import type { PostgresStore } from './postgresStore.js';
import { type Load, type Sender, sendLoad } from './sendLoad.js';
import { sleep } from './sockets.js';

/** A send load run on PostgreSQL, with what the servers and the database say about it. */
export interface StoredLoad extends Load {
  /** Sends per group-commit transaction (messages stored / transactions that stored them). */
  sendsPerBatch: number;
  /** Group-commit transactions that stored messages, per second of the run. */
  batchesPerSec: number;
  /**
   * Every answer the servers sent for the run's requests, by status code, including those
   * sent after autocannon stopped waiting (`unfinished`: the connection closed first).
   */
  answers: Record<string, number>;
  /** Answers other than 2xx among {@link answers}. */
  refused: number;
}

/** How long the servers may take to answer the requests still in flight after a run, in ms. */
const DRAIN_TIMEOUT_MS = 60_000;

/** The servers' request counts added up. */
async function countsOf(servers: readonly ServerChild[]): Promise<RequestCounts> {
  const all = await Promise.all(servers.map((server) => server.requests()));
  const statuses: Record<string, number> = {};
  for (const counts of all) {
    for (const [status, n] of Object.entries(counts.statuses)) {
      statuses[status] = (statuses[status] ?? 0) + n;
    }
  }
  return { inFlight: all.reduce((sum, c) => sum + c.inFlight, 0), statuses };
}

/** Waits until no server has a request in flight; returns their counts then. */
async function drained(servers: readonly ServerChild[]): Promise<RequestCounts> {
  for (let waited = 0; ; waited += 50) {
    const counts = await countsOf(servers);
    if (counts.inFlight === 0) return counts;
    if (waited > DRAIN_TIMEOUT_MS) {
      throw new Error(`send load: ${counts.inFlight} requests still unanswered after 60 s`);
    }
    await sleep(50);
  }
}

/**
 * {@link sendLoad} against imkit process(es) on `store`, then: waits until the servers have
 * answered the requests still in flight when autocannon stopped (so those do not land in the
 * next run), counts every answer the servers sent for the run (what autocannon saw, and what
 * it gave up on), checks that every acknowledged send is in the database (by its client id),
 * and counts the transactions the run's messages were stored in. Each row carries the id of the
 * transaction that wrote it (`xmin`); a message is written inside its unit's savepoint, a
 * subtransaction with an id of its own, but a batch's events are appended by the batch
 * transaction itself, so the distinct `xmin`s of the run's events are its batches.
 * @param options.countFailures as `sendLoad`'s: count failed requests instead of throwing.
 * @throws Error when an acknowledged send is missing from the database, or as `sendLoad`.
 */
export async function storedLoad(
  store: PostgresStore,
  server: ServerChild | readonly ServerChild[],
  senders: Sender[],
  seconds: number,
  options: { countFailures?: boolean } = {},
): Promise<StoredLoad> {
  const servers = Array.isArray(server) ? server : [server as ServerChild];
  const before = await drained(servers);
  const since = new Date().toISOString();
  const result = await sendLoad(servers, senders, seconds, {
    ...options,
    recordAcknowledged: true,
  });
  const after = await drained(servers);
  const answers: Record<string, number> = {};
  let refused = 0;
  for (const [status, n] of Object.entries(after.statuses)) {
    const delta = n - (before.statuses[status] ?? 0);
    if (delta === 0) continue;
    answers[status] = delta;
    if (!status.startsWith('2')) refused += delta;
  }
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
  return {
    ...result,
    answers,
    refused,
    sendsPerBatch: messages / batches,
    batchesPerSec: batches / seconds,
  };
}
