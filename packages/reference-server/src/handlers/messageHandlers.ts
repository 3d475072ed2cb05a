import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for one message and its changes: get, edit, delete for me, recall, delete for everyone, replies, receipts and reactions. */
export function messageHandlers(_services: Services): OperationHandlers {
  return {};
}
