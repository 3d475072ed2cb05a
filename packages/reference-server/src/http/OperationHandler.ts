import type { Context } from 'koa';
import type { AuthContext } from '../auth/AuthContext.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import type {
  OperationBody,
  OperationId,
  OperationPath,
  OperationQuery,
} from '../spec/operationTypes.js';

/** What a handler gets: inputs already validated against the spec, and the caller. */
export interface OperationInput<K extends OperationId> {
  path: OperationPath<K>;
  query: OperationQuery<K>;
  body: OperationBody<K>;
  /**
   * The authenticated caller; present on every operation whose security requires a token.
   * Undefined (despite the type) on operations whose security also allows none (`{}`, e.g.
   * `sendEmailCode`) when the request carried no token: such handlers must check it.
   */
  auth: AuthContext;
  /**
   * For group operations whose `x-group-access` asks for a role: the group and the caller's
   * (and target's) membership, already checked by the `GroupGate`.
   */
  group?: GroupAccess;
  /** The raw Koa context, for headers and the client address. */
  ctx: Context;
}

/** What a handler returns: the status and the JSON body (omitted for 204). */
export interface OperationResult {
  status: number;
  body?: unknown;
}

/** Implements one spec operation. Throws {@link ApiError} for documented failures. */
export type OperationHandler<K extends OperationId> = (
  input: OperationInput<K>,
) => Promise<OperationResult>;

/** The handlers of a set of operations, keyed by operationId. */
export type OperationHandlers = { [K in OperationId]?: OperationHandler<K> };
