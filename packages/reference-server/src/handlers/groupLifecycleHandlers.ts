import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers of the groupLifecycle group operations (being implemented; the others answer 501). */
export function groupLifecycleHandlers(_services: Services): OperationHandlers {
  return {};
}
