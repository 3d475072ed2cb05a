import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for users, friends, blocks and friend groups. */
export function socialHandlers(_services: Services): OperationHandlers {
  return {};
}
