import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/loadConfig.js';
import { openDatabase } from './openDatabase.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-open-'));
  dirs.push(dir);
  return path.join(dir, 'imkit.sqlite');
}

describe('openDatabase', () => {
  it('creates the schema with the stream head at 0', async () => {
    const db = await openDatabase({ ...defaultConfig, databaseFile: tempFile() });
    const head = await db.selectFrom('stream_head').selectAll().execute();
    expect(head).toEqual([{ id: 1, position: 0 }]);
    await db.destroy();
  });

  it('refuses, naming the file, a database made by the pre-release skeleton', async () => {
    const file = tempFile();
    // What the skeleton left: its migration recorded, no stream head.
    const old = new SQLite(file);
    old.exec(`CREATE TABLE kysely_migration (name varchar(255) PRIMARY KEY, timestamp varchar(255) NOT NULL);
      CREATE TABLE kysely_migration_lock (id varchar(255) PRIMARY KEY, is_locked integer DEFAULT 0 NOT NULL);
      INSERT INTO kysely_migration VALUES ('001_initial', '2026-11-20T00:00:00.000Z');
      INSERT INTO kysely_migration_lock VALUES ('migration_lock', 0);`);
    old.close();
    await expect(openDatabase({ ...defaultConfig, databaseFile: file })).rejects.toThrow(
      `${file} was created by a pre-release imkit`,
    );
  });
});
