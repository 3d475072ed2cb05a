import { type Expression, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { isPostgres } from '../db/dialect.js';

/**
 * The message search index and the SQL that reads it, per database. Only the `text` of text
 * messages is indexed (`messages.content` is the canonical JSON of a `MessageContent`); recalled
 * and deleted messages become tombstones, which have no text, so they leave the index.
 *
 * - SQLite: the FTS5 table `message_search` with the `trigram` tokenizer (case-insensitive
 *   substring search in any script, Chinese included), its rowid the message row's rowid, kept in
 *   step with `messages` by triggers on insert, on update of `content` (edits, recalls) and on
 *   delete. A trigram needs three characters: shorter queries read the conversation's messages
 *   by their primary key (`conversation_id`, `seq`) with a `LIKE`.
 * - PostgreSQL: `pg_trgm` and a GIN trigram index on the text of text messages, queried with
 *   `ILIKE`; the planner reads a common or short text (which has no trigram) newest first through
 *   the conversation's primary key until a page is full, as SQLite does.
 *
 * Messages in queries built here are aliased `m`.
 */

/** The FTS5 table of SQLite (not a kysely table: it is read only through raw SQL here). */
const FTS_TABLE = 'message_search';

/** The name of PostgreSQL's trigram index on the text of text messages. */
export const POSTGRES_TEXT_INDEX = 'messages_text_trgm';

/**
 * PostgreSQL: the searchable text of message `alias`, the text of a text message and null for
 * every other content. The index is built on this very expression, so that ANALYZE keeps
 * statistics on it and the planner can tell a rare text (read through the index) from a common
 * one (read newest first through the conversation's key until a page is full).
 */
const postgresText = (alias?: string) => {
  const content = alias ? sql.raw(`${alias}.content`) : sql.raw('content');
  return sql`(CASE WHEN ${content}::jsonb ->> 'type' = 'text' THEN ${content}::jsonb ->> 'text' END)`;
};

/** Characters a trigram tokenizer needs before an index lookup is possible. */
const TRIGRAM = 3;

/** {@link isPostgres} for a database of any schema. */
const onPostgres = <DB>(db: Kysely<DB>) => isPostgres(db as unknown as Kysely<unknown>);

/**
 * Creates the search index (migration `007_conversation_settings`) and fills it with the messages
 * already stored.
 * @param db the database being migrated.
 */
export async function createMessageSearchIndex(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX ${sql.id(POSTGRES_TEXT_INDEX)} ON messages
      USING gin (${postgresText()} gin_trgm_ops)`.execute(db);
    return;
  }
  const fts = sql.id(FTS_TABLE);
  await sql`CREATE VIRTUAL TABLE ${fts} USING fts5(
    text, conversation_id UNINDEXED, seq UNINDEXED, tokenize = 'trigram')`.execute(db);
  await sql`CREATE TRIGGER message_search_insert AFTER INSERT ON messages
    WHEN json_extract(new.content, '$.type') = 'text'
    BEGIN
      INSERT INTO ${fts} (rowid, text, conversation_id, seq)
      VALUES (new.rowid, json_extract(new.content, '$.text'), new.conversation_id, new.seq);
    END`.execute(db);
  await sql`CREATE TRIGGER message_search_update AFTER UPDATE OF content ON messages
    BEGIN
      DELETE FROM ${fts} WHERE rowid = old.rowid;
      INSERT INTO ${fts} (rowid, text, conversation_id, seq)
      SELECT new.rowid, json_extract(new.content, '$.text'), new.conversation_id, new.seq
      WHERE json_extract(new.content, '$.type') = 'text';
    END`.execute(db);
  await sql`CREATE TRIGGER message_search_delete AFTER DELETE ON messages
    BEGIN
      DELETE FROM ${fts} WHERE rowid = old.rowid;
    END`.execute(db);
  await sql`INSERT INTO ${fts} (rowid, text, conversation_id, seq)
    SELECT rowid, json_extract(content, '$.text'), conversation_id, seq FROM messages
    WHERE json_extract(content, '$.type') = 'text'`.execute(db);
}

/** `text` as a `LIKE` pattern matching it anywhere, its `\`, `%` and `_` escaped (with `\`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * True where the text column `column` contains `text`, ignoring case (`ILIKE` on PostgreSQL;
 * SQLite's `LIKE` ignores the case of ASCII letters). Wildcards in `text` match themselves.
 * @param column a column reference, e.g. `users.username`.
 */
export function containsIgnoringCase<DB>(
  db: Kysely<DB>,
  column: string,
  text: string,
): RawBuilder<SqlBool> {
  const operator = onPostgres(db) ? sql`ILIKE` : sql`LIKE`;
  return sql<SqlBool>`${sql.ref(column)} ${operator} ${containsPattern(text)} ESCAPE '\\'`;
}

/** The `type` of message `m`'s content (`text`, `image`, ..., `tombstone`). */
export function contentTypeOf<DB>(db: Kysely<DB>): RawBuilder<string> {
  return onPostgres(db)
    ? sql<string>`(m.content::jsonb ->> 'type')`
    : sql<string>`json_extract(m.content, '$.type')`;
}

/**
 * True when SQLite's trigram table answers a search for `text` (three characters or more): the
 * query then joins {@link trigramTable} and orders by {@link newestFirst}.
 */
export function usesTrigramTable<DB>(db: Kysely<DB>, text: string | undefined): boolean {
  return text !== undefined && !onPostgres(db) && [...text].length >= TRIGRAM;
}

/**
 * SQLite's trigram table as `s`, to join to messages `m` on the rowid (`s.rowid = m.rowid`) when
 * {@link usesTrigramTable}. The planner then reads the index's matches from the newest (highest
 * rowid) down, looks each message up by its rowid, and stops once a page is full: a text found in
 * most of a conversation's messages costs as little as a rare one.
 */
export function trigramTable() {
  return sql<{ rowid: number }>`${sql.id(FTS_TABLE)}`.as('s');
}

/** The join condition of {@link trigramTable}. */
export const trigramRow = sql<SqlBool>`s.rowid = m.rowid`;

/**
 * What orders a search's messages newest first: `seq`, or with the trigram table its rowid, which
 * within a conversation follows `seq` (a message's row is inserted after every earlier message of
 * its conversation, and SQLite gives a new row a rowid above every existing one).
 * @param text the search's text, if any.
 */
export function newestFirst<DB>(db: Kysely<DB>, text: string | undefined): RawBuilder<number> {
  return usesTrigramTable(db, text) ? sql<number>`s.rowid` : sql<number>`m.seq`;
}

/**
 * With the trigram table, the page after a cursor starts below the cursor's message in the
 * index too (`s.rowid` below that message's rowid), so a later page does not read again the
 * matches of the pages before it. Without the message's row (never the case: messages stay as
 * tombstones) the bound is dropped and the `seq` condition alone applies.
 * @param seq the cursor's `seq`: the page holds messages before it.
 */
export function trigramRowsBefore(conversationId: string, seq: number): Expression<SqlBool> {
  return sql<SqlBool>`s.rowid < coalesce((SELECT rowid FROM messages
    WHERE conversation_id = ${conversationId} AND seq = ${seq}), 9223372036854775807)`;
}

/**
 * True where message `m` belongs to conversation `conversationId`. With the trigram table the
 * condition is written so that SQLite cannot use the messages' primary key for it (`+` makes it
 * an expression): the index's matches drive the query, instead of a walk through the
 * conversation's messages that probes the index for each.
 * @param text the search's text, if any.
 */
export function inConversation<DB>(
  db: Kysely<DB>,
  conversationId: string,
  text: string | undefined,
): Expression<SqlBool> {
  return usesTrigramTable(db, text)
    ? sql<SqlBool>`+m.conversation_id = ${conversationId}`
    : sql<SqlBool>`m.conversation_id = ${conversationId}`;
}

/** The FTS5 query for `text` as one phrase: a substring search under the trigram tokenizer. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * True where message `m` of conversation `conversationId` is a text message containing `text`,
 * ignoring case, through the search index: SQLite's FTS5 trigram table `s` for three characters
 * or more (joined with {@link trigramTable}; a shorter text has no trigram and is matched with
 * `LIKE` on the conversation's rows, newest first), PostgreSQL's trigram index with `ILIKE`.
 * @param text 1 to 100 characters (the spec's bound on `q`).
 */
export function textContains<DB>(
  db: Kysely<DB>,
  conversationId: string,
  text: string,
): Expression<SqlBool> {
  if (onPostgres(db)) {
    return sql<SqlBool>`${postgresText('m')} ILIKE ${containsPattern(text)} ESCAPE '\\'`;
  }
  if (usesTrigramTable(db, text)) {
    return sql<SqlBool>`(s.${sql.id(FTS_TABLE)} MATCH ${ftsPhrase(text)}
      AND s.conversation_id = ${conversationId})`;
  }
  return sql<SqlBool>`(json_extract(m.content, '$.type') = 'text'
    AND json_extract(m.content, '$.text') LIKE ${containsPattern(text)} ESCAPE '\\')`;
}
