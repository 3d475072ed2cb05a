/**
 * Node entry of @imkit/sdk: the same surface as the browser entry, but realtime defaults to the
 * `ws` package (Node 20 has no global WebSocket). Types come from `index.ts`.
 */
import WebSocket from 'ws';
import {
  createImkitClient as createClientWith,
  type ImkitClient,
  type ImkitClientOptions,
} from './createImkitClient.js';

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
  return createClientWith({ ...options, WebSocket: options.WebSocket ?? WebSocket });
}
