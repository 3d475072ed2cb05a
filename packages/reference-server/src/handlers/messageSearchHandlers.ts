import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for searching a conversation's messages (operation `searchMessages`). */
export function messageSearchHandlers(_services: Services): OperationHandlers {
  return {};
}
