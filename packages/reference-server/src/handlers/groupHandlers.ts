import { createGroup, getGroup, listGroups } from '../domain/groups.js';
import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/**
 * Handlers for chat groups. Who may call each operation is checked before the handler by the
 * `GroupGate`, from the operation's `x-group-access` in the spec.
 */
export function groupHandlers(services: Services): OperationHandlers {
  return {
    async createGroup({ auth, body }) {
      return { status: 201, body: await createGroup(services, auth.userId, body) };
    },
    async getGroup({ auth, path }) {
      return { status: 200, body: await getGroup(services.db, auth.userId, path.group_id) };
    },
    async listGroups({ auth, query }) {
      return { status: 200, body: await listGroups(services, auth.userId, query) };
    },
  };
}
