/**
 * Node entry of @imkit/sdk: the browser entry's surface, but realtime defaults to the `ws`
 * package (Node 20 has no global WebSocket), loaded at the first connection; plus the group
 * helpers (`resolveGroup`, `iterateGroupMembers`, `GroupReferenceError`), which stay out of the
 * browser entry to keep it within its size budget; plus the file helpers (`uploadFileFromPath`,
 * `downloadFileToPath`, `openFileDownload`). Every type comes from `index.ts`.
 */
export type * from './index.js';

import {
  createImkitClient as createClientWith,
  type ImkitClient,
  type ImkitClientOptions,
} from './createImkitClient.js';
import { LazyWebSocket } from './lazyWebSocket.js';

export * from './files.js';

export {
  GroupReferenceError,
  ImkitError,
  isImkitError,
  iterateGroupMembers,
  MemoryTokenStore,
  newClientMessageId,
  operationRoutes,
  RealtimeClient,
  resolveGroup,
} from './index.js';

/** Creates an imkit client whose realtime connections use `ws` unless `options.WebSocket` is given. */
export function createImkitClient(options: ImkitClientOptions): ImkitClient {
  return createClientWith({ ...options, WebSocket: options.WebSocket ?? LazyWebSocket });
}
