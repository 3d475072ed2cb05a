import SQLite from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReusableQuery } from './ReusableQuery.js';

interface TestSchema {
  people: { id: Generated<number>; name: string; team: string | null };
}

let db: Kysely<TestSchema>;

beforeAll(async () => {
  db = new Kysely<TestSchema>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
  await sql`CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, team TEXT)`.execute(
    db,
  );
  await db
    .insertInto('people')
    .values([
      { name: 'ann', team: 'red' },
      { name: 'bob', team: 'blue' },
      { name: 'cy', team: 'red' },
      { name: 'dee', team: null },
    ])
    .execute();
});
afterAll(() => db.destroy());

const byTeam = new ReusableQuery(
  (k: Kysely<TestSchema>, p: { team: string; after: number; limit: number }) =>
    k
      .selectFrom('people')
      .select(['id', 'name'])
      .where('team', '=', p.team)
      .where('id', '>', p.after)
      .orderBy('id')
      .limit(p.limit),
);

describe('ReusableQuery', () => {
  it('binds new arguments on every run and returns what the built query returns', async () => {
    for (const args of [
      { team: 'red', after: 0, limit: 10 },
      { team: 'red', after: 1, limit: 10 },
      { team: 'blue', after: 0, limit: 1 },
      { team: 'green', after: 0, limit: 5 },
    ]) {
      const built = await db
        .selectFrom('people')
        .select(['id', 'name'])
        .where('team', '=', args.team)
        .where('id', '>', args.after)
        .orderBy('id')
        .limit(args.limit)
        .execute();
      expect(await byTeam.execute(db, args)).toEqual(built);
    }
    expect(await byTeam.first(db, { team: 'red', after: 1, limit: 10 })).toEqual({
      id: 3,
      name: 'cy',
    });
  });

  it('runs inside a transaction, seeing its writes', async () => {
    const insert = new ReusableQuery(
      (k: Kysely<TestSchema>, p: { name: string; team: string | null }) =>
        k.insertInto('people').values({ name: p.name, team: p.team }).returning('id'),
    );
    await db
      .transaction()
      .execute(async (trx) => {
        const [row] = await insert.execute(trx, { name: 'eve', team: 'gold' });
        expect(await byTeam.execute(trx, { team: 'gold', after: 0, limit: 5 })).toEqual([
          { id: row!.id, name: 'eve' },
        ]);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await byTeam.execute(db, { team: 'gold', after: 0, limit: 5 })).toEqual([]);
  });

  it('refuses arguments spread or embedded in a larger value, which would not be bound', async () => {
    const spread = new ReusableQuery((k: Kysely<TestSchema>, p: { team: string }) =>
      k
        .selectFrom('people')
        .select('id')
        .where('team', '=', { ...p }.team),
    );
    await expect(spread.execute(db, { team: 'red' })).rejects.toThrow(/spread/);
    const embedded = new ReusableQuery((k: Kysely<TestSchema>, p: { name: string }) =>
      k.selectFrom('people').select('id').where('name', 'like', `%${p.name}%`),
    );
    await expect(embedded.execute(db, { name: 'a' })).rejects.toThrow(/whole value/);
    const unused = new ReusableQuery((k: Kysely<TestSchema>, p: { team: string }) =>
      k
        .selectFrom('people')
        .select('id')
        .where('team', p.team ? 'is not' : 'is', null),
    );
    await expect(unused.execute(db, { team: 'red' })).rejects.toThrow(/not bound: team/);
  });
});
