import { createImkitClient, type ImkitClient, type User } from '@imkit/sdk';
import { contractCheckingFetch } from './contractCheck.js';

/** A registered user with its own SDK client (responses checked against the spec). */
export interface TestUser {
  client: ImkitClient;
  user: User;
  username: string;
  password: string;
}

let counter = 0;

/** An SDK client whose every response is checked against the spec. */
export function newClient(url: string): ImkitClient {
  return createImkitClient({ baseUrl: url, fetch: contractCheckingFetch });
}

/** Registers a fresh user (unique username per call) and returns its logged-in client. */
export async function registerUser(url: string, name = 'user'): Promise<TestUser> {
  counter += 1;
  const username = `${name}${counter}_${process.pid % 1000}`.slice(0, 20);
  const password = 'correct horse battery';
  const client = newClient(url);
  const session = await client.register({
    body: { username, password, email: `${username}@example.com` },
  });
  return { client, user: session.user, username, password };
}

/** Makes two users friends through the API: a requests, b accepts. */
export async function befriend(a: TestUser, b: TestUser): Promise<void> {
  const request = await a.client.sendFriendRequest({ body: { user_id: b.user.id, message: 'hi' } });
  await b.client.acceptFriendRequest({ path: { request_id: request.id } });
}

/** Two friends and their direct conversation id. */
export async function friendsWithConversation(url: string) {
  const alice = await registerUser(url, 'alice');
  const bob = await registerUser(url, 'bob');
  await befriend(alice, bob);
  const conversation = await alice.client.openDirectConversation({
    body: { user_id: bob.user.id },
  });
  return { alice, bob, conversationId: conversation.id };
}
