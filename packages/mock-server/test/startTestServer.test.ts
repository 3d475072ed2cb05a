import { createImkitClient, newClientMessageId } from '@imkit/sdk';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../src/index.js';

// What a tester writes: a real server in process, two users, one message over the socket.
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

it('registers two users who exchange a message live', async () => {
  const [alice, bob] = [
    createImkitClient({ baseUrl: s.url }),
    createImkitClient({ baseUrl: s.url }),
  ];
  await alice.register({ body: { username: 'alice', password: 'correct horse battery' } });
  const { user } = await bob.register({
    body: { username: 'bob', password: 'correct horse battery' },
  });
  const request = await alice.sendFriendRequest({ body: { user_id: user.id } });
  await bob.acceptFriendRequest({ path: { request_id: request.id } });
  const socket = bob.realtime({ deviceId: 'test' });
  const heard = new Promise((resolve) => socket.on('message.created', (m) => resolve(m.content)));
  await socket.connect();
  const { id } = await alice.openDirectConversation({ body: { user_id: user.id } });
  const content = { type: 'text' as const, text: 'hello from a test' };
  await alice.sendMessage({
    path: { conversation_id: id },
    body: { client_message_id: newClientMessageId(), content },
  });
  expect(await heard).toEqual(content);
  socket.close();
});
