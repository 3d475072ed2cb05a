// searchMessages at scale (issue 10): in a conversation of 100,000 messages, a search reads the
// search index (or, for one or two characters, the conversation's primary key), never the whole
// table. The query plan is asserted, not a timing.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../src/db/dialect.js';
import { nowIso } from '../src/domain/clock.js';
import { newId } from '../src/domain/ids.js';
import { OPEN_END_SEQ } from '../src/domain/membership.js';
import { messageSearchQuery } from '../src/domain/messageSearch.js';
import { POSTGRES_TEXT_INDEX } from '../src/domain/messageSearchIndex.js';
import { sendText } from './support/sendText.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { friendsWithConversation, type TestUser } from './support/users.js';

const MESSAGES = 100_000;
/** Messages of another conversation on the same server, which no search here may read. */
const OTHER_MESSAGES = 50_000;
/** Rows per INSERT: 9 columns × 500 stays below SQLite's 32,766 parameters. */
const BATCH = 500;
/** The messages (by index) that hold the rare text. */
const NEEDLES = new Set([7, 42_424, 99_998]);

let t: TestServer;
let alice: TestUser;
let conversationId: string;

/**
 * Inserts `count` text messages from `sender` into a conversation in one transaction, in
 * multi-row INSERTs, as if they had been sent one second apart from 2026-01-01.
 */
async function bulkInsert(
  conversation: string,
  sender: string,
  count: number,
  textOf: (i: number) => string,
): Promise<void> {
  const db = t.server.services.db;
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < count; from += BATCH) {
      const rows = [];
      for (let i = from; i < Math.min(from + BATCH, count); i += 1) {
        const text = textOf(i);
        rows.push({
          conversation_id: conversation,
          seq: i + 1,
          id: newId(),
          sender_id: sender,
          client_message_id: null,
          content: JSON.stringify({ type: 'text', text }),
          created_at: new Date(start + i * 1000).toISOString(),
          mentions: null,
          mentions_all: 0,
        });
      }
      await trx.insertInto('messages').values(rows).execute();
    }
    await trx
      .updateTable('conversations')
      .set({ last_message_seq: count, updated_at: nowIso() })
      .where('id', '=', conversation)
      .execute();
  });
}

beforeAll(async () => {
  t = await startTestServer();
  ({ alice, conversationId } = await friendsWithConversation(t.url));
  await bulkInsert(conversationId, alice.user.id, MESSAGES, (i) =>
    NEEDLES.has(i)
      ? `第${i}条：山谷里的稀有宝藏`
      : `message ${i} 今天的天气 ${i % 97} route ${i % 13}`,
  );
  // Another conversation holding the same words: a search here never reads or returns them.
  const other = await friendsWithConversation(t.url);
  await bulkInsert(other.conversationId, other.bob.user.id, OTHER_MESSAGES, (i) =>
    i % 1000 === 0 ? `别处的稀有宝藏 ${i}` : `elsewhere ${i} 今天的天气`,
  );
  const db = t.server.services.db;
  // What autovacuum does after a bulk load on PostgreSQL: statistics for the planner.
  if (isPostgres(db as never)) await sql`ANALYZE messages`.execute(db);
}, 300_000);
afterAll(() => t.close());

/** The plan the database chooses for the search query the server runs, as text lines. */
async function plan(q: string, beforeSeq?: number): Promise<string> {
  const db = t.server.services.db;
  const compiled = messageSearchQuery(db, {
    conversationId,
    callerId: alice.user.id,
    visibleFrom: 0,
    visibleUntil: OPEN_END_SEQ,
    q,
    beforeSeq,
    limit: 21,
  }).compile();
  const explain = isPostgres(db as never) ? 'EXPLAIN ' : 'EXPLAIN QUERY PLAN ';
  const result = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(explain + compiled.sql, [...compiled.parameters]),
  );
  return result.rows.map((row) => String(row['QUERY PLAN'] ?? row.detail)).join('\n');
}

describe('searchMessages in a conversation of 100,000 messages', () => {
  it('finds the three messages holding a rare text, through the API', async () => {
    const page = await alice.client.searchMessages({
      path: { conversation_id: conversationId },
      query: { q: '稀有宝藏' },
    });
    expect(page.items.map((m) => m.content.type === 'text' && m.content.text)).toEqual([
      '第99998条：山谷里的稀有宝藏',
      '第42424条：山谷里的稀有宝藏',
      '第7条：山谷里的稀有宝藏',
    ]);
    const short = await alice.client.searchMessages({
      path: { conversation_id: conversationId },
      query: { q: '宝藏', limit: 2 },
    });
    expect(short.items).toHaveLength(2);
    expect(short.has_more).toBe(true);
  });

  it('pages a text found in thousands of messages newest first, as the cursor says', async () => {
    const text = (i: number) => `message ${i} 今天的天气 ${i % 97} route ${i % 13}`;
    const expected: string[] = [];
    for (let i = MESSAGES - 1; expected.length < 10; i -= 1) {
      if (!NEEDLES.has(i) && text(i).includes('route 1')) expected.push(text(i));
    }
    const search = (after?: string) =>
      alice.client.searchMessages({
        path: { conversation_id: conversationId },
        query: { q: 'route 1', limit: 5, ...(after ? { after } : {}) },
      });
    const first = await search();
    const second = await search(first.next_cursor!);
    expect(
      [...first.items, ...second.items].map((m) => m.content.type === 'text' && m.content.text),
    ).toEqual(expected);
  });

  it('reads the trigram index for three characters or more, not the table', async () => {
    const text = await plan('稀有宝藏');
    if (isPostgres(t.server.services.db as never)) {
      expect(text).toContain(POSTGRES_TEXT_INDEX);
      expect(text).not.toMatch(/Seq Scan on messages/);
    } else {
      // The index's matches drive the query, newest first (no sort of every match); each is read
      // by its rowid until a page is full, never by walking the conversation's 100,000 messages.
      expect(text).toMatch(/^SCAN s VIRTUAL TABLE INDEX/m);
      expect(text).not.toMatch(/TEMP B-TREE/);
      // After a cursor, the index itself starts below the cursor's message (a rowid bound: `<`).
      expect(await plan('稀有宝藏', 50_000)).toMatch(/^SCAN s VIRTUAL TABLE INDEX \d+:M\d+</m);
      expect(text).toMatch(/SEARCH m USING INTEGER PRIMARY KEY \(rowid=\?\)/);
      expect(text).not.toMatch(/^SCAN (m|messages)\b/m);
      expect(text).not.toMatch(/SEARCH m USING INDEX \S+ \(conversation_id=/);
    }
  });

  it('walks the conversation’s newest rows by its key for one or two characters', async () => {
    // Two characters have no trigram: the conversation's messages are read newest first through
    // its primary key until a page is full (a common text fills it at once).
    const text = await plan('天气');
    if (isPostgres(t.server.services.db as never)) {
      expect(text).toMatch(/Index Scan Backward using messages_pk on messages m/);
      expect(text).toMatch(/Index Cond: \(\(conversation_id = /);
      expect(text).not.toMatch(/Seq Scan on messages/);
    } else {
      expect(text).toMatch(/SEARCH m USING INDEX \S+ \(conversation_id=\? AND seq>\? AND seq<\?\)/);
      expect(text).not.toMatch(/^SCAN (m|messages)\b/m);
      expect(text).not.toMatch(/message_search/);
    }
  });

  it('a new message reaches the index at once', async () => {
    await sendText(alice, conversationId, '新的稀有宝藏');
    const page = await alice.client.searchMessages({
      path: { conversation_id: conversationId },
      query: { q: '稀有宝藏', limit: 1 },
    });
    expect(page.items[0]?.content).toEqual({ type: 'text', text: '新的稀有宝藏' });
  });
});
