import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, type RecordedCall } from '../test/fakeFetch.js';
import { createImkitClient } from './createImkitClient.js';

const ids = Array.from({ length: 10 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);

function messageOf(id: string) {
  return {
    id,
    conversation_id: 'c1',
    sender: { id: 'u1', username: 'alice', nickname: null, avatar_url: null, deleted: false },
    client_message_id: null,
    content: { type: 'text', text: id },
    created_at: '2026-11-21T09:35:00.000Z',
  };
}

/** `listMessages` as the spec describes it; cursors are message ids, items oldest first. */
function messagesPage(call: RecordedCall) {
  const limit = Number(call.query.get('limit') ?? 20);
  const before = call.query.get('before');
  const after = call.query.get('after');
  if (after !== null) {
    const newer = ids.filter((id) => id > after);
    const items = newer.slice(0, limit);
    const hasMore = newer.length > limit;
    return { items, next_cursor: hasMore ? items.at(-1) : null, has_more: hasMore };
  }
  const older = before === null ? ids : ids.filter((id) => id < before);
  const items = older.slice(-limit);
  const hasMore = older.length > limit;
  return { items, next_cursor: hasMore ? items[0] : null, has_more: hasMore };
}

/** `listFriends` with 5 friends and `after` cursors that are indexes. */
function friendsPage(call: RecordedCall) {
  const start = Number(call.query.get('after') ?? 0);
  const limit = Number(call.query.get('limit') ?? 20);
  const items = ['ann', 'bob', 'cy', 'dee', 'eve']
    .slice(start, start + limit)
    .map((name) => ({ name }));
  const end = start + items.length;
  return { items, next_cursor: end < 5 ? String(end) : null, has_more: end < 5 };
}

function createClient() {
  const { fetch, calls } = createFakeFetch((call) => {
    if (call.path === '/friends') return json(200, friendsPage(call));
    const page = messagesPage(call);
    return json(200, { ...page, items: page.items.map(messageOf) });
  });
  return { client: createImkitClient({ baseUrl: 'http://imkit.test', fetch }), calls };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('paginate', () => {
  it('follows next_cursor through `after` until has_more is false', async () => {
    const { client, calls } = createClient();
    const friends = await collect(client.paginate('listFriends', { query: { limit: 2 } }));
    expect(friends.map((f) => (f as unknown as { name: string }).name)).toEqual([
      'ann',
      'bob',
      'cy',
      'dee',
      'eve',
    ]);
    expect(calls.map((c) => c.query.toString())).toEqual([
      'limit=2',
      'limit=2&after=2',
      'limit=2&after=4',
    ]);
  });

  it('pages listMessages backwards through `before` when the first call has no cursor', async () => {
    const { client, calls } = createClient();
    const input = { path: { conversation_id: 'c1' }, query: { limit: 4 } };
    const messages = await collect(client.paginate('listMessages', input));
    expect(messages.map((m) => m.id)).toEqual([
      ...ids.slice(6),
      ...ids.slice(2, 6),
      ...ids.slice(0, 2),
    ]);
    expect(calls.map((c) => c.query.get('before'))).toEqual([null, 'm07', 'm03']);
  });

  it('pages listMessages forwards through `after` when the first call used `after`', async () => {
    const { client, calls } = createClient();
    const input = { path: { conversation_id: 'c1' }, query: { limit: 3, after: 'm02' } };
    const messages = await collect(client.paginate('listMessages', input));
    expect(messages.map((m) => m.id)).toEqual(ids.slice(2));
    expect(calls.map((c) => c.query.get('after'))).toEqual(['m02', 'm05', 'm08']);
  });
});

describe('iterateMessages', () => {
  it('yields newest to oldest by default', async () => {
    const { client } = createClient();
    const messages = await collect(client.iterateMessages('c1', { limit: 3 }));
    expect(messages.map((m) => m.id)).toEqual([...ids].reverse());
  });

  it('yields oldest to newest forwards from a cursor', async () => {
    const { client } = createClient();
    const messages = await collect(
      client.iterateMessages('c1', { direction: 'forward', cursor: 'm04', limit: 4 }),
    );
    expect(messages.map((m) => m.id)).toEqual(ids.slice(4));
  });

  it('gives whole pages, each oldest first, in messagePages', async () => {
    const { client } = createClient();
    const pages = await collect(client.messagePages('c1', { limit: 4, cursor: 'm09' }));
    expect(pages.map((p) => p.items.map((m) => m.id))).toEqual([ids.slice(4, 8), ids.slice(0, 4)]);
  });

  it('refuses to go forward without a cursor', async () => {
    const { client } = createClient();
    await expect(collect(client.iterateMessages('c1', { direction: 'forward' }))).rejects.toThrow(
      TypeError,
    );
  });
});
