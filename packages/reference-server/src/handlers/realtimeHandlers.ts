import { ApiError } from '../http/ApiError.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** `connectRealtime` over plain HTTP: the socket itself is served by `attachRealtime`. */
export function realtimeHandlers(): OperationHandlers {
  return {
    async connectRealtime() {
      throw new ApiError(426, 'request.malformed', 'Connect to /realtime with a WebSocket client.');
    },
  };
}
