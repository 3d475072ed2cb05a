import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for files: upload, list, get, delete and download. */
export function fileHandlers(_services: Services): OperationHandlers {
  return {};
}
