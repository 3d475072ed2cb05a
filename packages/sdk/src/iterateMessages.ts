import type { Message, MessagePage } from './generated/openapi.js';
import type { OperationMethods } from './operationTypes.js';
import { followCursor, type PageCall } from './paginate.js';

/** Options of `ImkitClient.iterateMessages` and `ImkitClient.messagePages`. */
export interface IterateMessagesOptions {
  /**
   * `backward` (default): from the newest message (or from `cursor`) towards the oldest.
   * `forward`: from `cursor` towards the newest; needs a `cursor`.
   */
  direction?: 'backward' | 'forward';
  /** Page size, 1 to 100. Default: the server's (20). */
  limit?: number;
  /** A `next_cursor` from an earlier page in the same direction. */
  cursor?: string;
  /** Stops the iteration: the pending request rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Pages of a conversation's messages (`listMessages`), following `next_cursor` in `direction`.
 * Items inside each page are oldest first, as the server sends them.
 * @throws TypeError when `direction` is `forward` without a `cursor`.
 */
export async function* messagePages(
  methods: OperationMethods,
  conversationId: string,
  options: IterateMessagesOptions = {},
): AsyncGenerator<MessagePage, void, undefined> {
  const { direction = 'backward', limit, cursor, signal } = options;
  if (direction === 'forward' && cursor === undefined) {
    throw new TypeError('messagePages: direction "forward" needs a cursor');
  }
  const cursorParam = direction === 'forward' ? 'after' : 'before';
  const query = { limit, [cursorParam]: cursor };
  const call = methods.listMessages as unknown as PageCall;
  const input = { path: { conversation_id: conversationId }, query, signal };
  yield* followCursor(call, input, cursorParam) as AsyncGenerator<MessagePage, void, undefined>;
}

/**
 * Every message of a conversation one by one, in a single time order: newest to oldest for
 * `backward` (the default), oldest to newest for `forward`.
 */
export async function* iterateMessages(
  methods: OperationMethods,
  conversationId: string,
  options: IterateMessagesOptions = {},
): AsyncGenerator<Message, void, undefined> {
  const backward = (options.direction ?? 'backward') === 'backward';
  for await (const page of messagePages(methods, conversationId, options)) {
    yield* backward ? [...page.items].reverse() : page.items;
  }
}
