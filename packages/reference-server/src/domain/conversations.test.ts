import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/loadConfig.js';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import { openDatabase } from '../db/openDatabase.js';
import { listConversations } from './conversations.js';
import { CursorCodec } from './cursors.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A migrated database where `me` has `direct` direct and `groups` group conversations. */
async function seeded(direct: number, groups: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-conv-'));
  dirs.push(dir);
  const file = path.join(dir, 'imkit.sqlite');
  await (await openDatabase({ ...defaultConfig, databaseFile: file })).destroy();
  const sqlite = new SQLite(file);
  const now = '2026-11-22T00:00:00.000Z';
  const user = sqlite.prepare(
    "insert into users (id, username, username_key, password_hash, created_at) values (?, ?, ?, 'x', ?)",
  );
  user.run('me', 'me', 'me', now);
  const conversation = sqlite.prepare(
    'insert into conversations (id, type, direct_key, last_message_seq, created_at, updated_at) values (?, ?, ?, 2, ?, ?)',
  );
  const member = sqlite.prepare(
    'insert into conversation_members (conversation_id, user_id, last_read_seq, joined_at) values (?, ?, 1, ?)',
  );
  const message = sqlite.prepare(
    'insert into messages (conversation_id, seq, id, sender_id, content, created_at) values (?, ?, ?, ?, \'{"type":"text","text":"hi"}\', ?)',
  );
  for (let i = 0; i < direct + groups; i++) {
    const id = `c${i}`;
    const peer = `p${i}`;
    user.run(peer, peer, peer, now);
    conversation.run(
      id,
      i < direct ? 'direct' : 'group',
      i < direct ? `me:${peer}` : null,
      now,
      now,
    );
    member.run(id, 'me', now);
    member.run(id, peer, now);
    message.run(id, 1, `${id}m1`, 'me', now);
    message.run(id, 2, `${id}m2`, peer, now);
    if (i >= direct) {
      sqlite
        .prepare(
          "insert into groups (id, conversation_id, name, owner_id, max_members, created_at, updated_at) values (?, ?, 'g', 'me', 500, ?, ?)",
        )
        .run(`g${i}`, id, now, now);
    }
  }
  sqlite.close();
  let queries = 0;
  const db = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: new SQLite(file) }),
    log: () => {
      queries += 1;
    },
  });
  return { db, queries: () => queries };
}

describe('listConversations', () => {
  it('runs as many queries for 100 conversations as for 2', async () => {
    const cursors = new CursorCodec('a-secret-that-is-long-enough-for-the-codec!!');
    const counts: number[] = [];
    for (const size of [1, 50]) {
      const { db, queries } = await seeded(size, size);
      const page = await listConversations({ db, cursors }, 'me', { limit: 100 });
      expect(page.items).toHaveLength(2 * size);
      expect(
        page.items.every((c) => c.unread_count === 1 && c.last_message?.id.endsWith('m2')),
      ).toBe(true);
      counts.push(queries());
      await db.destroy();
    }
    expect(counts[1]).toBe(counts[0]);
    expect(counts[0]).toBeLessThanOrEqual(6);
  });
});
