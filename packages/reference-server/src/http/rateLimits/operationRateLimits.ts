import type { OpenApiDocument } from '../../spec/loadSpec.js';
import type { RatePolicy } from './RateBudget.js';

/** An operation's `x-rate-limit` from the spec: whom it counts per, and how many per window. */
export interface OperationRateLimit extends RatePolicy {
  /** `user`: per authenticated user; `ip`: per client address. */
  scope: 'user' | 'ip';
}

interface DeclaredLimit {
  limit?: unknown;
  window_seconds?: unknown;
  scope?: unknown;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

function toLimit(
  operationId: string,
  declared: DeclaredLimit | undefined,
  scale: number,
): OperationRateLimit {
  const { limit, window_seconds: windowSeconds, scope } = declared ?? {};
  if (
    typeof limit !== 'number' ||
    typeof windowSeconds !== 'number' ||
    (scope !== 'user' && scope !== 'ip')
  ) {
    throw new Error(`operation ${operationId} has no valid x-rate-limit in the spec`);
  }
  return { name: operationId, limit: Math.max(1, Math.round(limit * scale)), windowSeconds, scope };
}

/**
 * Reads every operation's `x-rate-limit` ({limit, window_seconds, scope}) from the bundled spec.
 * @param scale multiplies every limit (1, the default, enforces the spec as written).
 * @returns the limits keyed by operationId.
 * @throws Error naming the first operation without a valid `x-rate-limit`.
 */
export function operationRateLimits(
  spec: OpenApiDocument,
  scale = 1,
): Map<string, OperationRateLimit> {
  const limits = new Map<string, OperationRateLimit>();
  for (const item of Object.values(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as
        | { operationId: string; 'x-rate-limit'?: DeclaredLimit }
        | undefined;
      if (!operation) continue;
      const { operationId } = operation;
      limits.set(operationId, toLimit(operationId, operation['x-rate-limit'], scale));
    }
  }
  return limits;
}
