import { operationRoutes } from './generated/operations.js';
import type { OperationId } from './operationTypes.js';

const byRoute = new Map<string, OperationId>(
  Object.entries(operationRoutes).map(([id, route]) => [
    routeKey(route.method, route.path),
    id as OperationId,
  ]),
);

function routeKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/**
 * The spec operation behind an HTTP method and path template (`POST`,
 * `/conversations/{conversation_id}/messages` -> `sendMessage`); undefined when none matches.
 */
export function findOperationId(method: string, schemaPath: string): OperationId | undefined {
  return byRoute.get(routeKey(method, schemaPath));
}
