import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers of the groupAnnouncement group operations (being implemented; the others answer 501). */
export function groupAnnouncementHandlers(_services: Services): OperationHandlers {
  return {};
}
