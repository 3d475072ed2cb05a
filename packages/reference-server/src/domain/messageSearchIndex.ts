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

/** True when SQLite's trigram table can answer a search for `text` (three characters or more). */
function usesTrigramTable<DB>(db: Kysely<DB>, text: string | undefined): boolean {
  return text !== undefined && !onPostgres(db) && [...text].length >= TRIGRAM;
}

/**
 * True where message `m` belongs to conversation `conversationId`. When SQLite's trigram table
 * answers the text search (see {@link textContains}), the condition is written so that SQLite
 * does not use the messages' primary key for it (`+` makes it an expression): the planner then
 * reads the few rows the index found by their rowid instead of walking the conversation's
 * messages one by one and checking each against the index's answer.
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
 * ignoring case, through the search index: SQLite's FTS5 trigram table for three characters or
 * more (a shorter text has no trigram; it is matched with `LIKE` on the conversation's rows),
 * PostgreSQL's trigram index with `ILIKE`.
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
    return sql<SqlBool>`m.rowid IN (SELECT rowid FROM ${sql.id(FTS_TABLE)}
      WHERE ${sql.id(FTS_TABLE)} MATCH ${ftsPhrase(text)}
      AND conversation_id = ${conversationId})`;
  }
  return sql<SqlBool>`(json_extract(m.content, '$.type') = 'text'
    AND json_extract(m.content, '$.text') LIKE ${containsPattern(text)} ESCAPE '\\')`;
}
