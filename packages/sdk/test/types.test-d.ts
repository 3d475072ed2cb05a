import { assertType, describe, expectTypeOf, it } from 'vitest';
import type { Message, MessagePage, ReadReceipt, RealtimeHelloFrame, User } from '../src/index.js';
import { createImkitClient, type ImkitClient, type OperationId } from '../src/index.js';

declare const client: ImkitClient;

describe('operation methods', () => {
  it('resolves with the exact 2xx body of each operation', () => {
    expectTypeOf(client.getMe).returns.resolves.toEqualTypeOf<User>();
    expectTypeOf(client.listMessages).returns.resolves.toEqualTypeOf<MessagePage>();
    expectTypeOf(client.sendMessage).returns.resolves.toEqualTypeOf<Message>();
    expectTypeOf(client.logout).returns.resolves.toEqualTypeOf<undefined>();
  });

  it('makes the input optional only when nothing in it is required', () => {
    assertType<Promise<User>>(client.getMe());
    assertType(client.listConversations());
    // @ts-expect-error sendMessage needs a path and a body
    assertType(client.sendMessage());
    // @ts-expect-error searchUsers needs the `q` query parameter
    assertType(client.searchUsers({ query: {} }));
    assertType(client.searchUsers({ query: { q: 'bob' } }));
    assertType(client.rejectFriendRequest({ path: { request_id: 'r1' } }));
  });

  it('rejects a body that breaks the spec', () => {
    const path = { conversation_id: 'c1' };
    assertType(
      client.sendMessage({
        path,
        body: { client_message_id: 'x', content: { type: 'text', text: 'hi' } },
      }),
    );
    client.sendMessage({
      path,
      // @ts-expect-error text content needs `text`
      body: { client_message_id: 'x', content: { type: 'text' } },
    });
    client.sendMessage({
      path,
      // @ts-expect-error there is no `image` content type
      body: { client_message_id: 'x', content: { type: 'image', text: 'hi' } },
    });
    // @ts-expect-error `limit` is a number
    assertType(client.listMessages({ path, query: { limit: '50' } }));
    // @ts-expect-error getMe takes no body
    assertType(client.getMe({ body: { x: 1 } }));
  });

  it('lets a sender set no field only the server writes (issue 6 #5)', () => {
    const path = { conversation_id: 'c1' };
    const client_message_id = 'x';
    assertType(
      client.sendMessage({
        path,
        body: { client_message_id, content: { type: 'card', card_type: 'user', id: 'u1' } },
      }),
    );
    client.sendMessage({
      path,
      body: {
        client_message_id,
        // @ts-expect-error tombstones are written by the server only
        content: { type: 'tombstone', reason: 'recalled', by_user_id: 'u', at: '' },
      },
    });
    client.sendMessage({
      path,
      body: {
        client_message_id,
        // @ts-expect-error the server fills in a card's title
        content: { type: 'card', card_type: 'user', id: 'u1', title: 'x' },
      },
    });
    client.sendMessage({
      path,
      // @ts-expect-error the server derives an image's url from its file
      body: { client_message_id, content: { type: 'image', file_id: 'f1', url: 'https://x' } },
    });
  });

  it('knows every operation and no other', () => {
    expectTypeOf<'sendMessage'>().toExtend<OperationId>();
    expectTypeOf<'connectRealtime'>().not.toExtend<OperationId>();
    // @ts-expect-error no such operation
    assertType(client.sendMesage);
    // @ts-expect-error only list operations paginate
    assertType(client.paginate('getMe'));
  });
});

describe('pagination and realtime', () => {
  it('types paginated items and realtime listeners from the spec', () => {
    const path = { conversation_id: 'c1' };
    expectTypeOf(client.paginate('listMessages', { path })).toEqualTypeOf<AsyncIterable<Message>>();
    const realtime = client.realtime();
    expectTypeOf(realtime.connect).returns.resolves.toEqualTypeOf<RealtimeHelloFrame>();
    realtime.on('message.created', (data, meta) => {
      expectTypeOf(data).toEqualTypeOf<Message>();
      expectTypeOf(meta.position).toEqualTypeOf<number>();
    });
    realtime.on('message.read', (data) => expectTypeOf(data).toEqualTypeOf<ReadReceipt>());
    // @ts-expect-error no such event type
    realtime.on('message.exploded', () => {});
  });

  it('requires a baseUrl', () => {
    // @ts-expect-error baseUrl is required
    assertType(createImkitClient({}));
  });
});
