import type { Services } from '../domain/Services.js';
import type { GroupGate } from '../groups/GroupGate.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/**
 * Handlers of group invitations and join requests (being implemented; the others answer 501).
 * @param gate admits callers of the join-request operations, whose group comes from the request.
 */
export function groupRequestHandlers(_services: Services, _gate: GroupGate): OperationHandlers {
  return {};
}
