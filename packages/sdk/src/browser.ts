/**
 * Browser entry of @imkit/sdk: realtime uses `globalThis.WebSocket`; never imports `ws`.
 * Types come from `index.ts`.
 */
export {
  createImkitClient,
  ImkitError,
  isImkitError,
  MemoryTokenStore,
  newClientMessageId,
  operationRoutes,
  RealtimeClient,
} from './index.js';
