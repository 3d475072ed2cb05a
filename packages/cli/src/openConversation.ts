import type { Conversation, ImkitClient } from '@imkit/sdk';
import { findGroup } from './findGroup.js';
import { findUser } from './findUser.js';
import { parseGroupTarget } from './groupReference.js';

/**
 * The conversation a chat target names: `#<group>` (id, or name unique among my groups) is the
 * group's conversation; anything else is a friend's username, whose direct conversation is
 * opened (created if there is none yet).
 */
export async function openConversationWith(
  client: ImkitClient,
  target: string,
  myUsername: string | null,
): Promise<Conversation> {
  const groupReference = parseGroupTarget(target);
  if (groupReference !== null) {
    const group = await findGroup(client, groupReference);
    return client.getConversation({ path: { conversation_id: group.conversation_id } });
  }
  const friend = await findUser(client, target, myUsername);
  return client.openDirectConversation({ body: { user_id: friend.id } });
}
