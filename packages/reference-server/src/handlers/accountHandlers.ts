import type { Services } from '../domain/Services.js';
import type { OperationHandlers } from '../http/OperationHandler.js';

/** Handlers for the caller's account: profile, credentials, email codes, password reset, deletion and restore. */
export function accountHandlers(_services: Services): OperationHandlers {
  return {};
}
