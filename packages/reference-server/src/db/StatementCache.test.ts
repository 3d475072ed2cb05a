import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StatementCache } from './StatementCache.js';

let sqlite: SQLite.Database;
let prepared: string[];
let cache: StatementCache;

beforeEach(() => {
  sqlite = new SQLite(':memory:');
  sqlite.exec(
    "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('a'), ('b'), ('c')",
  );
  prepared = [];
  cache = new StatementCache(
    {
      prepare: (text) => {
        prepared.push(text);
        return sqlite.prepare(text);
      },
      close: () => sqlite.close(),
    },
    2,
  );
});

afterEach(() => {
  if (sqlite.open) cache.close();
});

const byId = 'SELECT name FROM t WHERE id = ?';

describe('StatementCache', () => {
  it('prepares a SQL text once and returns the right rows for each new argument', () => {
    expect(cache.prepare(byId).all([1])).toEqual([{ name: 'a' }]);
    expect(cache.prepare(byId).all([3])).toEqual([{ name: 'c' }]);
    expect(cache.prepare(byId).all([9])).toEqual([]);
    expect(prepared).toEqual([byId]);
  });

  it('sees writes made after the statement was prepared', () => {
    expect(cache.prepare(byId).all([4])).toEqual([]);
    cache.prepare('INSERT INTO t (name) VALUES (?)').run(['d']);
    expect(cache.prepare(byId).all([4])).toEqual([{ name: 'd' }]);
  });

  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    const a = 'SELECT 1 AS v';
    const b = 'SELECT 2 AS v';
    const c = 'SELECT 3 AS v';
    cache.prepare(a);
    cache.prepare(b);
    cache.prepare(a); // a is now the most recently used
    cache.prepare(c); // evicts b
    expect(cache.size).toBe(2);
    cache.prepare(a);
    cache.prepare(b); // prepared again
    expect(prepared).toEqual([a, b, c, b]);
  });

  it('does not hand out a statement that is still being iterated', () => {
    const all = 'SELECT name FROM t ORDER BY id';
    const iterator = cache.prepare(all).iterate([]);
    expect(iterator.next().value).toEqual({ name: 'a' });
    expect(cache.prepare(all).all([])).toHaveLength(3);
    expect(iterator.next().value).toEqual({ name: 'b' });
    iterator.return?.();
    expect(prepared).toEqual([all, all]);
  });

  it('closes the database', () => {
    cache.prepare(byId);
    cache.close();
    expect(sqlite.open).toBe(false);
    expect(cache.size).toBe(0);
  });
});
