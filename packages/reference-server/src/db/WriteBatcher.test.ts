import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatementCache } from './StatementCache.js';
import { WriteBatcher } from './WriteBatcher.js';

interface TestSchema {
  notes: { id: Generated<number>; text: string };
  links: { note_id: number };
}

let dir: string;
let db: Kysely<TestSchema>;
let statements: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-batcher-'));
  const sqlite = new SQLite(path.join(dir, 'test.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  statements = [];
  // Records every statement run (not prepared: the cache prepares each text once).
  const recording = {
    prepare: (text: string) => {
      const statement = sqlite.prepare(text);
      return {
        reader: statement.reader,
        all: (parameters: readonly unknown[]) => {
          statements.push(text);
          return statement.all(parameters);
        },
        run: (parameters: readonly unknown[]) => {
          statements.push(text);
          return statement.run(parameters);
        },
        iterate: (parameters: readonly unknown[]) => statement.iterate(parameters),
      };
    },
    close: () => sqlite.close(),
  };
  db = new Kysely<TestSchema>({
    dialect: new SqliteDialect({ database: new StatementCache(recording) }),
  });
  await sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)`.execute(db);
  await sql`CREATE TABLE links (note_id INTEGER REFERENCES notes(id) DEFERRABLE INITIALLY DEFERRED)`.execute(
    db,
  );
});

afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const begins = () => statements.filter((s) => s === 'begin').length;
const stored = async () =>
  (await db.selectFrom('notes').select('text').orderBy('id').execute()).map((r) => r.text);
const insert = (text: string) => (trx: Kysely<TestSchema>) =>
  trx.insertInto('notes').values({ text }).returning('id').executeTakeFirstOrThrow();

describe('WriteBatcher (group commit)', () => {
  it('commits units queued together in one transaction and answers each with its own result', async () => {
    const batcher = new WriteBatcher(db);
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((t) => batcher.run(insert(t))));
    expect(results.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(await stored()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(begins()).toBe(1);
  });

  it('answers a unit only once its batch is visible to another connection (committed)', async () => {
    const batcher = new WriteBatcher(db);
    const other = new SQLite(path.join(dir, 'test.sqlite'), { readonly: true });
    try {
      const seen = await Promise.all(
        ['x', 'y'].map((t) =>
          batcher.run(insert(t)).then(() => other.prepare('SELECT count(*) AS n FROM notes').get()),
        ),
      );
      expect(seen).toEqual([{ n: 2 }, { n: 2 }]);
    } finally {
      other.close();
    }
  });

  it('rolls back a failing unit alone: the others commit and nothing of it stays', async () => {
    const batcher = new WriteBatcher(db);
    const failing = async (trx: Kysely<TestSchema>) => {
      await trx.insertInto('notes').values({ text: 'half-written' }).execute();
      throw new Error('refused');
    };
    const outcomes = await Promise.allSettled([
      batcher.run(insert('first')),
      batcher.run(failing),
      batcher.run(insert('first')), // unique violation: a database error, also rolled back alone
      batcher.run(insert('last')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
    expect(await stored()).toEqual(['first', 'last']);
    expect(begins()).toBe(1);
  });

  it('lets a later unit of the batch see what an earlier one wrote', async () => {
    const batcher = new WriteBatcher(db);
    const count = (trx: Kysely<TestSchema>) =>
      trx
        .selectFrom('notes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
    const [, seen] = await Promise.all([batcher.run(insert('early')), batcher.run(count)]);
    expect(Number(seen.n)).toBe(1);
  });

  it('refuses the whole batch, storing nothing, when its commit fails', async () => {
    const batcher = new WriteBatcher(db);
    const dangling = (trx: Kysely<TestSchema>) =>
      trx.insertInto('links').values({ note_id: 99 }).execute();
    const outcomes = await Promise.allSettled([
      batcher.run(insert('kept?')),
      batcher.run(dangling),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await stored()).toEqual([]);
    expect(await batcher.run(insert('after'))).toEqual({ id: 1 });
  });

  it('splits a long queue into batches of at most maxBatchSize', async () => {
    const batcher = new WriteBatcher(db, { maxBatchSize: 2 });
    await Promise.all(['1', '2', '3', '4', '5'].map((t) => batcher.run(insert(t))));
    expect(await stored()).toEqual(['1', '2', '3', '4', '5']);
    expect(begins()).toBe(3);
  });

  it('idle() waits for queued units', async () => {
    const batcher = new WriteBatcher(db);
    const pending = batcher.run(insert('queued'));
    await batcher.idle();
    expect(await stored()).toEqual(['queued']);
    await pending;
  });
});
