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

  it('seals what committed units emitted, last and in order, and publishes it after COMMIT', async () => {
    const sealedInside: string[][] = [];
    const published: string[][] = [];
    const batcher = new WriteBatcher<TestSchema, string, string[]>(db, {
      outbox: {
        seal: async (trx, emitted) => {
          // Inside the batch: every unit's writes are there, and the outbox writes last.
          const texts = await trx.selectFrom('notes').select('text').orderBy('id').execute();
          sealedInside.push(texts.map((t) => t.text));
          return emitted;
        },
        committed: (sealed) => published.push(sealed),
      },
    });
    const unit = (text: string, fail = false) =>
      batcher.run(async (trx, emit) => {
        emit(`event of ${text}`);
        await insert(text)(trx);
        if (fail) throw new Error('refused');
      });
    const outcomes = await Promise.allSettled([unit('a'), unit('b', true), unit('c')]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(sealedInside).toEqual([['a', 'c']]);
    expect(published).toEqual([['event of a', 'event of c']]);
  });

  it('publishes nothing of a batch whose commit fails', async () => {
    const published: string[][] = [];
    const batcher = new WriteBatcher<TestSchema, string, string[]>(db, {
      outbox: { seal: async (_trx, emitted) => emitted, committed: (s) => published.push(s) },
    });
    const outcome = await batcher
      .run(async (trx, emit) => {
        emit('dangling');
        await trx.insertInto('links').values({ note_id: 99 }).execute();
      })
      .catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    expect(published).toEqual([]);
  });

  it('runs a whole batch again after an error retryBatch accepts, answering each unit once', async () => {
    const conflict = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    let attempts = 0;
    const batcher = new WriteBatcher(db, {
      retryBatch: (error) => (error as { code?: string }).code === '40P01',
    });
    const results = await Promise.all([
      batcher.run(insert('kept')),
      batcher.run(async (trx) => {
        attempts += 1;
        if (attempts === 1) throw conflict;
        return insert('second try')(trx);
      }),
    ]);
    expect(attempts).toBe(2);
    expect(results.map((r) => r.id)).toEqual([1, 2]);
    expect(await stored()).toEqual(['kept', 'second try']);
    expect(begins()).toBe(2);
  });

  it('runs one unit again, from its savepoint, after an error retryUnit accepts', async () => {
    let runs = 0;
    const batcher = new WriteBatcher(db, {
      retryUnit: (error) => String(error).includes('UNIQUE'),
    });
    await batcher.run(insert('taken'));
    const answer = await batcher.run(async (trx) => {
      runs += 1;
      const existing = await trx
        .selectFrom('notes')
        .select('id')
        .where('text', '=', 'taken')
        .execute();
      // The first run inserts blindly (as a racing process would) and hits the unique key.
      if (runs === 1) return insert('taken')(trx);
      return existing[0]!;
    });
    expect(runs).toBe(2);
    expect(answer).toEqual({ id: 1 });
    expect(await stored()).toEqual(['taken']);
  });

  it('runs a batch in lock-key order, keeping arrival order among equal keys', async () => {
    const batcher = new WriteBatcher(db);
    const ran: string[] = [];
    const unit = (text: string) => async (trx: Kysely<TestSchema>) => {
      ran.push(text);
      return insert(text)(trx);
    };
    await Promise.all([
      batcher.run(unit('y1'), 'y'),
      batcher.run(unit('x1'), 'x'),
      batcher.run(unit('y2'), 'y'),
      batcher.run(unit('none')),
      batcher.run(unit('x2'), 'x'),
    ]);
    expect(ran).toEqual(['none', 'x1', 'x2', 'y1', 'y2']);
  });
});
