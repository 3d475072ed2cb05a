import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers of the groupMember group operations (being implemented; the others answer 501). */
export function groupMemberHandlers(_services: Services): OperationHandlers {
  return {};
}
