import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for a caller's settings of a conversation: pin, mute, mark unread, hide and clear history. */
export function conversationSettingsHandlers(_services: Services): OperationHandlers {
  return {};
}
