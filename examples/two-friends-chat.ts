/**
 * Two users register, become friends and chat: Bob listens over the realtime socket while
 * Alice sends. Run it against a server: `npx tsx two-friends-chat.ts http://localhost:8080`.
 */
import { createImkitClient, isImkitError, newClientMessageId } from '@imkit/sdk';

export async function twoFriendsChat(baseUrl: string): Promise<string[]> {
  const suffix = Date.now().toString(36).slice(-6);
  const alice = createImkitClient({ baseUrl });
  const bob = createImkitClient({ baseUrl });
  const password = 'correct horse battery';
  const aliceSession = await alice.register({ body: { username: `alice_${suffix}`, password } });
  const bobSession = await bob.register({ body: { username: `bob_${suffix}`, password } });

  // Alice asks, Bob accepts: now they may talk.
  const request = await alice.sendFriendRequest({ body: { user_id: bobSession.user.id } });
  await bob.acceptFriendRequest({ path: { request_id: request.id } });

  // Bob listens live; every event arrives once, in order, even across reconnects.
  const heard: string[] = [];
  const realtime = bob.realtime({ deviceId: 'example-laptop' });
  realtime.on('message.created', (message) => {
    if (message.content.type === 'text')
      heard.push(`${message.sender.username}: ${message.content.text}`);
  });
  await realtime.connect();

  const conversation = await alice.openDirectConversation({
    body: { user_id: bobSession.user.id },
  });
  for (const text of ['hi Bob!', 'are we still on for tonight?']) {
    // The same client_message_id on a retry never creates a second message.
    await alice.sendMessage({
      path: { conversation_id: conversation.id },
      body: { client_message_id: newClientMessageId(), content: { type: 'text', text } },
    });
  }
  while (heard.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
  realtime.close();

  // Errors are typed: branch on the stable code, show the detail.
  try {
    await alice.sendFriendRequest({ body: { user_id: aliceSession.user.id } });
  } catch (error) {
    if (isImkitError(error, 'friend_request.to_self')) heard.push(`(expected) ${error.message}`);
    else throw error;
  }
  return heard;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = await twoFriendsChat(process.argv[2] ?? 'http://localhost:8080');
  for (const line of lines) console.log(line);
}
