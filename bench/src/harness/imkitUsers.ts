import { createImkitClient, type ImkitClient } from '@imkit/sdk';

/** A registered bench user and its logged-in SDK client. */
export interface BenchUser {
  id: string;
  username: string;
  password: string;
  client: ImkitClient;
  token: string;
}

let counter = 0;

/** Registers a fresh user (unique name per call). */
export async function registerUser(url: string): Promise<BenchUser> {
  counter += 1;
  const username = `b${counter}_${process.pid % 100_000}`;
  const password = 'correct horse battery';
  const client = createImkitClient({ baseUrl: url });
  const session = await client.register({
    body: { username, password, email: `${username}@example.com` },
  });
  return { id: session.user.id, username, password, client, token: session.access_token };
}

/** Two friends and their direct conversation. */
export async function friendPair(url: string) {
  const [a, b] = await Promise.all([registerUser(url), registerUser(url)]);
  const request = await a.client.sendFriendRequest({ body: { user_id: b.id } });
  await b.client.acceptFriendRequest({ path: { request_id: request.id } });
  const conversation = await a.client.openDirectConversation({ body: { user_id: b.id } });
  return { a, b, conversationId: conversation.id };
}
