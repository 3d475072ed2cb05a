// The README's "Using the SDK" snippet, as a program CI runs (test/usingTheSdk.test.ts checks
// that the README shows exactly the code below). Needs alice and bob registered and friends.
import { createImkitClient, isImkitError, newClientMessageId } from '@imkit/sdk';

const client = createImkitClient({ baseUrl: process.env.IMKIT_SERVER ?? 'http://localhost:8080' });
await client.login({ body: { login: 'alice', password: 'correct horse battery' } });

// Bob's user id, from Alice's friend list (a direct conversation needs a friend).
const friends = await client.listFriends({ query: { limit: 100 } });
const bob = friends.items.find((friend) => friend.user.username === 'bob');
if (!bob) throw new Error('bob is not a friend of alice yet');

const conversation = await client.openDirectConversation({ body: { user_id: bob.user.id } });
try {
  await client.sendMessage({
    path: { conversation_id: conversation.id },
    body: { client_message_id: newClientMessageId(), content: { type: 'text', text: 'hi' } },
  });
} catch (error) {
  if (isImkitError(error, 'conversation.not_friends')) console.error('no longer friends');
  else throw error;
}

const realtime = client.realtime({ deviceId: 'laptop' });
realtime.on('message.created', (message) => {
  if (message.content.type === 'text')
    console.log(`${message.sender.username}: ${message.content.text}`);
});
await realtime.connect();
