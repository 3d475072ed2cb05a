import type { ImkitClient, Message } from '@imkit/sdk';
import { UsageError } from './errors.js';
import { loadHistory } from './loadHistory.js';
import { openConversationWith } from './openConversation.js';

/** How many recent conversations, and messages of each, a bare short id is looked up in. */
const RECENT_CONVERSATIONS = 20;
const RECENT_MESSAGES = 100;
/** How many of the newest messages a `<to>:<id>` reference is looked up in. */
const CONVERSATION_MESSAGES = 500;

/** A full message id (a UUID): used as it is, without a lookup. */
const FULL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The end of an id as `imkit history` shows it: at least 4 characters. */
const SHORT_ID = /^[0-9a-z-]{4,}$/i;

/** What the message commands say in `--help` about naming a message. */
export const MESSAGE_REFERENCE_HELP =
  'the message: its id as `imkit history` shows it after the time (the end of the id, e.g. ' +
  '3e5f60), optionally as <username|#group>:<id> to look only in that conversation, or the full id';

function matching(messages: readonly Message[], end: string): Message[] {
  const lower = end.toLowerCase();
  return messages.filter((m) => m.id.toLowerCase().endsWith(lower));
}

/**
 * Finds the message a command names: a full id as it is (also after `<to>:`); `<username|#group>:<end>` among the
 * newest 500 messages of that conversation; a bare `<end>` (as `imkit history` shows it) among
 * the newest 100 messages of the caller's 20 most recent conversations.
 * @returns the message id.
 * @throws UsageError when nothing or more than one message matches (exit 2), and what the SDK
 *   throws for a failed request.
 */
export async function resolveMessageId(
  client: ImkitClient,
  reference: string,
  myUsername: string | null,
): Promise<string> {
  if (FULL_ID.test(reference)) return reference;
  const colon = reference.lastIndexOf(':');
  const target = colon > 0 ? reference.slice(0, colon) : null;
  const end = colon > 0 ? reference.slice(colon + 1) : reference;
  if (FULL_ID.test(end)) return end;
  if (!SHORT_ID.test(end)) {
    throw new UsageError(
      `"${reference}" does not name a message: use the id \`imkit history\` shows`,
      'cli.bad_message_reference',
    );
  }
  let found: Message[];
  if (target !== null) {
    const conversation = await openConversationWith(client, target, myUsername);
    found = matching(await loadHistory(client, conversation.id, CONVERSATION_MESSAGES), end);
  } else {
    const conversations = await client.listConversations({
      query: { limit: RECENT_CONVERSATIONS },
    });
    found = [];
    for (const conversation of conversations.items) {
      found.push(...matching(await loadHistory(client, conversation.id, RECENT_MESSAGES), end));
    }
  }
  if (found.length === 1) return found[0]!.id;
  if (found.length === 0) {
    throw new UsageError(
      `no recent message has the id ${end}${target ? ` with ${target}` : ''}`,
      'cli.message_not_found',
    );
  }
  const ids = found.map((m) => m.id).join(', ');
  throw new UsageError(
    `${end} names more than one message (${ids}): give more of the id`,
    'cli.ambiguous_message',
  );
}
