import type { Conversation, ImkitClient } from '@imkit/sdk';
import { findUser } from './findUser.js';

/** The direct conversation with the friend named `username` (created if there is none yet). */
export async function openConversationWith(
  client: ImkitClient,
  username: string,
  myUsername: string | null,
): Promise<Conversation> {
  const friend = await findUser(client, username, myUsername);
  return client.openDirectConversation({ body: { user_id: friend.id } });
}
