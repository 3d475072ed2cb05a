import createClient, { type Client } from 'openapi-fetch';
import { createAuthMiddleware } from './authMiddleware.js';
import { createOperationMethods } from './createOperationMethods.js';
import type { Message, MessagePage, paths } from './generated/openapi.js';
import { type IterateMessagesOptions, iterateMessages, messagePages } from './iterateMessages.js';
import type { OperationArgs, OperationMethods } from './operationTypes.js';
import { type PageItem, type PaginatedOperationId, paginate } from './paginate.js';
import { RealtimeClient } from './realtime/RealtimeClient.js';
import { realtimeUrl } from './realtime/realtimeUrl.js';
import type { RealtimeOptions, WebSocketConstructor } from './realtime/types.js';
import { TokenManager } from './TokenManager.js';
import { MemoryTokenStore, type TokenStore, type Tokens } from './tokenStore.js';

/** Options of {@link createImkitClient}. */
export interface ImkitClientOptions {
  /** The server's root URL, e.g. `http://localhost:8080`. */
  baseUrl: string;
  /** Where tokens are kept. Default: a new `MemoryTokenStore`. */
  tokenStore?: TokenStore;
  /** The fetch implementation. Default: `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
  /** The WebSocket constructor for `realtime()`. Default: `ws` in Node, `globalThis.WebSocket` in browsers. */
  WebSocket?: WebSocketConstructor;
}

/** Everything an {@link ImkitClient} offers besides the operation methods. */
export interface ImkitClientExtras {
  /** The underlying openapi-fetch client (`{ data, error, response }`, no throwing), with the same auth middleware. */
  raw: Client<paths>;
  /** A valid access token, refreshed first when it expires within 30 s; null when logged out. */
  getAccessToken(): Promise<string | null>;
  /** The stored tokens, or null when logged out. */
  getTokens(): Promise<Tokens | null>;
  /** Replaces the stored tokens (null logs out locally, without calling `logout`). */
  setTokens(tokens: Tokens | null): Promise<void>;
  /**
   * Every item of a list operation, page after page, following `next_cursor` through `after`
   * (for `listMessages`: through `before`, unless the first call used `after`).
   * @example for await (const friend of client.paginate('listFriends', { query: { limit: 100 } })) {}
   */
  paginate<K extends PaginatedOperationId>(
    operationId: K,
    ...args: OperationArgs<K>
  ): AsyncIterable<PageItem<K>>;
  /** A conversation's messages one by one: newest to oldest (`backward`, default) or oldest to newest (`forward`). */
  iterateMessages(conversationId: string, options?: IterateMessagesOptions): AsyncIterable<Message>;
  /** A conversation's message pages in `direction`; items in a page are always oldest first. */
  messagePages(
    conversationId: string,
    options?: IterateMessagesOptions,
  ): AsyncIterable<MessagePage>;
  /** A realtime connection to `<baseUrl>/realtime` (not yet connected: call `connect()`). */
  realtime(options?: RealtimeOptions): RealtimeClient;
}

/**
 * The imkit client: one method per spec operation (`client.sendMessage(...)`), named by its
 * operationId, resolving with the 2xx body and throwing `ImkitError` otherwise.
 */
export type ImkitClient = OperationMethods & ImkitClientExtras;

/**
 * Creates an imkit client. Tokens from `register`, `login` and `refreshToken` are saved to the
 * token store and sent as `Authorization: Bearer`; a 401 triggers one refresh and one retry.
 * @example
 * const client = createImkitClient({ baseUrl: 'http://localhost:8080' });
 * await client.login({ body: { login: 'alice', password: 'correct horse battery' } });
 * const me = await client.getMe();
 */
export function createImkitClient(options: ImkitClientOptions): ImkitClient {
  const raw = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const methods = createOperationMethods(raw);
  const tokens = new TokenManager({
    store: options.tokenStore ?? new MemoryTokenStore(),
    refresh: (refresh_token) => methods.refreshToken({ body: { refresh_token } }),
  });
  raw.use(createAuthMiddleware(tokens));
  const getAccessToken = () => tokens.getAccessToken();
  return {
    ...methods,
    raw,
    getAccessToken,
    getTokens: () => tokens.load(),
    setTokens: (next) => tokens.save(next),
    paginate: (operationId, ...args) => paginate(methods, operationId, ...args),
    iterateMessages: (id, iterateOptions) => iterateMessages(methods, id, iterateOptions),
    messagePages: (id, iterateOptions) => messagePages(methods, id, iterateOptions),
    realtime: (realtimeOptions) => {
      const WebSocket = resolveWebSocket(options.WebSocket);
      const deps = { url: realtimeUrl(options.baseUrl), WebSocket, getAccessToken };
      return new RealtimeClient(deps, realtimeOptions);
    },
  };
}

function resolveWebSocket(given: WebSocketConstructor | undefined): WebSocketConstructor {
  const found = given ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!found) {
    throw new TypeError(
      'No WebSocket implementation: pass `WebSocket` to createImkitClient (e.g. the `ws` package)',
    );
  }
  return found;
}
