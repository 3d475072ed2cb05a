import type { Conversation, ImkitClient, Mentions } from '@imkit/sdk';

/** `@name` at the start of the text or after white space; a username's characters. */
const MENTION = /(?:^|\s)@([A-Za-z0-9_.-]+)/g;

/** The `@words` of a text: the usernames it names (lower-cased, once each) and `@all`. */
export interface MentionedNames {
  usernames: string[];
  all: boolean;
}

/**
 * Reads the mentions typed into a message: `@bob` names the user bob, `@all` everyone. A final
 * `.` or `-` is punctuation (`@bob.` names bob). Case-insensitive, as usernames are.
 */
export function findMentionedNames(text: string): MentionedNames {
  const usernames = new Set<string>();
  let all = false;
  for (const match of text.matchAll(MENTION)) {
    const name = (match[1] ?? '').replace(/[.-]+$/, '').toLowerCase();
    if (name === 'all') all = true;
    else if (name.length > 0) usernames.add(name);
  }
  return { usernames: [...usernames], all };
}

/**
 * The `mentions` of a message sent to a group conversation: `@all`, and each `@username` that
 * names a current member (other `@words` stay plain text). Undefined when the text mentions
 * nobody, or the conversation is a direct one. The members are read (`iterateGroupMembers`)
 * only when the text has an `@username`.
 */
export async function mentionsIn(
  client: ImkitClient,
  conversation: Conversation,
  text: string,
): Promise<Mentions | undefined> {
  if (conversation.type !== 'group' || !conversation.group) return undefined;
  const named = findMentionedNames(text);
  if (!named.all && named.usernames.length === 0) return undefined;
  const userIds: string[] = [];
  if (named.usernames.length > 0) {
    const wanted = new Set(named.usernames);
    const { iterateGroupMembers } = await import('@imkit/sdk');
    for await (const member of iterateGroupMembers(client, conversation.group.id)) {
      if (wanted.has(member.user.username.toLowerCase())) userIds.push(member.user.id);
    }
  }
  if (!named.all && userIds.length === 0) return undefined;
  return { user_ids: userIds, all: named.all };
}
