import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { AuthContext } from '../auth/AuthContext.js';
import type { GroupAccess } from '../groups/GroupGate.js';
import type { InputError, OperationValidators } from '../spec/compileValidators.js';
import type { OpenApiDocument } from '../spec/loadSpec.js';
import { ApiError } from './ApiError.js';
import { inputProblem } from './inputProblem.js';
import type { OperationHandler, OperationHandlers, OperationInput } from './OperationHandler.js';

/** Dependencies of the spec-driven router. */
export interface RouterDeps {
  spec: OpenApiDocument;
  validators: Map<string, OperationValidators>;
  handlers: OperationHandlers;
  /** Resolves the bearer token of a request; throws ApiError 401 when missing or invalid. */
  authenticate(ctx: Context): Promise<AuthContext>;
  /** Runs before each operation (its rate limits); may throw ApiError 429. */
  beforeOperation(ctx: Context, operationId: string, auth: AuthContext | undefined): Promise<void>;
  /**
   * Checks who may call the operation on its validated path parameters (`x-group-access`);
   * throws ApiError 403/404 when the caller may not.
   * @returns what the check established, handed to the handler as `group`.
   */
  authorize(
    operationId: string,
    path: Record<string, unknown>,
    auth: AuthContext | undefined,
  ): Promise<GroupAccess | undefined>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `/conversations/{conversation_id}` → `/conversations/:conversation_id`. */
function toKoaPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ':$1');
}

/** The path parameters, validated: what the group gate reads before anything else. */
function validatePath(ctx: Context, validators: OperationValidators) {
  const path = { ...ctx.params } as Record<string, unknown>;
  const errors = validators.path(path);
  if (errors.length > 0) throw inputProblem(errors);
  return path;
}

/** The query and body, validated once the caller is known to be allowed. */
function validateQueryAndBody(ctx: Context, validators: OperationValidators) {
  const query = { ...ctx.query } as Record<string, unknown>;
  const errors: InputError[] = [...validators.query(query)];
  let body: unknown;
  if (validators.body) {
    body = (ctx.request as { body?: unknown }).body ?? {};
    errors.push(...validators.body(body));
  }
  if (errors.length > 0) throw inputProblem(errors);
  return { query, body };
}

/**
 * Whether an operation needs a caller: `required` when every security requirement names a
 * scheme, `optional` when one of them is the empty requirement `{}` (e.g. `sendEmailCode`, which
 * someone who cannot log in calls to reset a password), `none` without security.
 */
export type Authentication = 'required' | 'optional' | 'none';

/** The {@link Authentication} of an operation's `security` (or the document's default). */
export function authenticationOf(security: unknown[]): Authentication {
  if (security.length === 0) return 'none';
  const anonymousAllowed = security.some(
    (requirement) =>
      typeof requirement === 'object' &&
      requirement !== null &&
      Object.keys(requirement).length === 0,
  );
  return anonymousAllowed ? 'optional' : 'required';
}

/**
 * The caller of a request: always authenticated for `required`; for `optional`, authenticated
 * when it sends an `Authorization` header (a bad token is still 401, never silently anonymous),
 * else undefined and the handler decides.
 */
async function callerOf(
  deps: RouterDeps,
  ctx: Context,
  authentication: Authentication,
): Promise<AuthContext | undefined> {
  if (authentication === 'required') return deps.authenticate(ctx);
  if (authentication === 'optional' && ctx.get('Authorization') !== '') {
    return deps.authenticate(ctx);
  }
  return undefined;
}

function operationMiddleware(
  deps: RouterDeps,
  operationId: string,
  authentication: Authentication,
  handler: OperationHandler<never>,
): Middleware {
  const validators = deps.validators.get(operationId)!;
  return async (ctx) => {
    const auth = await callerOf(deps, ctx, authentication);
    await deps.beforeOperation(ctx, operationId, auth);
    const path = validatePath(ctx, validators);
    // Who may call it is decided before the query and body are looked at (x-group-access).
    const group = await deps.authorize(operationId, path, auth);
    const input = { path, ...validateQueryAndBody(ctx, validators) };
    // The inputs were validated against this operation's schemas just above.
    const typedInput = {
      ...input,
      auth: auth as AuthContext,
      group,
      ctx,
    } as unknown as OperationInput<never>;
    const result = await handler(typedInput);
    ctx.status = result.status;
    if (result.body !== undefined) ctx.body = result.body;
  };
}

/**
 * The handler of an operation the contract has and this server does not implement yet:
 * 501 with `operation.not_implemented`, so clients can tell it from a wrong URL (404).
 */
function notImplemented(operationId: string, unimplemented: string[]): OperationHandler<never> {
  unimplemented.push(operationId);
  return async () => {
    const detail = `${operationId} is in the contract but this server does not implement it yet.`;
    throw new ApiError(501, 'operation.not_implemented', detail);
  };
}

/**
 * Builds the Koa router from the spec: one route per operation (501 for those without a
 * handler yet), with authentication when the operation has security (optional when its
 * security allows `{}`: see {@link authenticationOf}), and inputs validated against the spec.
 * @returns the router and the operationIds the spec has but no handler implements.
 */
export function buildRouter(deps: RouterDeps): { router: Router; unimplemented: string[] } {
  const router = new Router();
  const unimplemented: string[] = [];
  const globalSecurity = (deps.spec.security as unknown[] | undefined) ?? [];
  for (const [openApiPath, item] of Object.entries(deps.spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as { operationId: string; security?: unknown[] } | undefined;
      if (!operation) continue;
      const handler =
        deps.handlers[operation.operationId as keyof OperationHandlers] ??
        notImplemented(operation.operationId, unimplemented);
      const authentication = authenticationOf(operation.security ?? globalSecurity);
      router[method](
        toKoaPath(openApiPath),
        operationMiddleware(
          deps,
          operation.operationId,
          authentication,
          handler as OperationHandler<never>,
        ),
      );
    }
  }
  return { router, unimplemented };
}
