import { createRequire } from 'node:module';
import type { WebSocketConstructor, WebSocketLike } from './realtime/types.js';

const require = createRequire(import.meta.url);
let loaded: WebSocketConstructor | undefined;

/**
 * The `ws` package's WebSocket (RFC 6455), loaded when the first socket is opened, so a Node
 * program that only makes HTTP calls (a CLI command) never pays for loading it. Node only.
 */
export const LazyWebSocket = function LazyWebSocket(url: string): WebSocketLike {
  loaded ??= require('ws') as WebSocketConstructor;
  return new loaded(url);
} as unknown as WebSocketConstructor;
