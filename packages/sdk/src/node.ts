/**
 * Node entry of @imkit/sdk: the same surface as the browser entry, but realtime defaults to the
 * `ws` package (Node 20 has no global WebSocket), loaded at the first connection. Types come
 * from `index.ts`.
 */
import {
  createImkitClient as createClientWith,
  type ImkitClient,
  type ImkitClientOptions,
} from './createImkitClient.js';
import { LazyWebSocket } from './lazyWebSocket.js';

export {
  ImkitError,
  isImkitError,
  MemoryTokenStore,
  newClientMessageId,
  operationRoutes,
  RealtimeClient,
} from './index.js';

/** Creates an imkit client whose realtime connections use `ws` unless `options.WebSocket` is given. */
export function createImkitClient(options: ImkitClientOptions): ImkitClient {
  return createClientWith({ ...options, WebSocket: options.WebSocket ?? LazyWebSocket });
}
