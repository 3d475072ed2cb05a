import type { ImkitClient, Message } from '@imkit/sdk';

/** The largest page the server returns. */
const MAX_PAGE = 100;

/**
 * The newest `limit` messages of a conversation (all of them when `limit` is null), oldest
 * first. One request when `limit` fits a page; otherwise pages backwards with the iterator.
 */
export async function loadHistory(
  client: ImkitClient,
  conversationId: string,
  limit: number | null,
): Promise<Message[]> {
  if (limit !== null && limit <= MAX_PAGE) {
    const page = await client.listMessages({
      path: { conversation_id: conversationId },
      query: { limit },
    });
    return page.items;
  }
  const newestFirst: Message[] = [];
  const pages = client.iterateMessages(conversationId, { direction: 'backward', limit: MAX_PAGE });
  for await (const message of pages) {
    newestFirst.push(message);
    if (limit !== null && newestFirst.length >= limit) break;
  }
  return newestFirst.reverse();
}
