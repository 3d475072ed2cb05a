/**
 * Browser entry of @imkit/sdk: realtime uses `globalThis.WebSocket`; never imports `ws`.
 * Every type comes from `index.ts`.
 */
export type * from './index.js';
export {
  createImkitClient,
  ImkitError,
  isImkitError,
  MemoryTokenStore,
  newClientMessageId,
  operationRoutes,
  RealtimeClient,
} from './index.js';
