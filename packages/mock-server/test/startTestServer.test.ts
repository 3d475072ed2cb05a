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
  const client = () => createImkitClient({ baseUrl: s.url });
  const [alice, bob] = [client(), client()];
  const password = 'correct horse battery';
  await alice.register({ body: { username: 'alice', password } });
  const { user } = await bob.register({ body: { username: 'bob', password } });
  const request = await alice.sendFriendRequest({ body: { user_id: user.id } });
  await bob.acceptFriendRequest({ path: { request_id: request.id } });
  const socket = bob.realtime({ deviceId: 'test' });
  const heard = new Promise((resolve) => socket.on('message.created', (m) => resolve(m.content)));
  await socket.connect();
  const { id } = await alice.openDirectConversation({ body: { user_id: user.id } });
  const content = { type: 'text' as const, text: 'hello from a test' };
  const body = { client_message_id: newClientMessageId(), content };
  await alice.sendMessage({ path: { conversation_id: id }, body });
  expect(await heard).toEqual(content);
  socket.close();
});
