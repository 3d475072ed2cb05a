import type { ServerConfig } from '../config/ServerConfig.js';
import type { OpenApiDocument } from '../spec/loadSpec.js';
import { ApiError } from './ApiError.js';
import type { LimiterFactory } from './rateLimits/limiterFactory.js';
import { operationRateLimits } from './rateLimits/operationRateLimits.js';
import { type BudgetState, RateBudget } from './rateLimits/RateBudget.js';

/** The settings of {@link RequestLimiter}, documented in {@link ServerConfig}. */
export type RequestLimiterConfig = Pick<
  ServerConfig,
  'rateLimitPerMinute' | 'rateLimitScale' | 'authFailuresPerMinute'
>;

/** A 401 that counts against the failed-authentication budget (all but an expired token). */
function isAuthFailure(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.code !== 'auth.token_expired';
}

interface OperationBudget {
  budget: RateBudget;
  scope: 'user' | 'ip';
}

/**
 * Enforces every rate limit of a request: each operation's own `x-rate-limit` from the spec
 * (per user or per client address, as declared), one overall budget per client (the user, or
 * the address when anonymous), and a budget of failed authentications per address that is
 * checked before a token is verified, so floods of invalid tokens are refused too.
 */
export class RequestLimiter {
  private readonly operations = new Map<string, OperationBudget>();
  private readonly overall: RateBudget;
  private readonly authFailures: RateBudget;

  /**
   * @param limiters the store of the counters (memory, or Redis to share them between processes).
   * @throws Error when an operation of the spec has no valid `x-rate-limit`.
   */
  constructor(spec: OpenApiDocument, config: RequestLimiterConfig, limiters: LimiterFactory) {
    for (const [operationId, limit] of operationRateLimits(spec, config.rateLimitScale)) {
      this.operations.set(operationId, {
        budget: new RateBudget(limit, limiters),
        scope: limit.scope,
      });
    }
    const minute = { windowSeconds: 60 };
    this.overall = new RateBudget(
      { name: 'overall', limit: config.rateLimitPerMinute, ...minute },
      limiters,
    );
    this.authFailures = new RateBudget(
      { name: 'auth_failures', limit: config.authFailuresPerMinute, ...minute },
      limiters,
    );
  }

  /**
   * Runs `authenticate` unless the address already spent its budget of failed authentications,
   * and counts a 401 against that budget: a missing, forged or revoked token, but not an expired
   * one, which every client sends once per token lifetime and which cost only a signature check.
   * @throws RateLimited (429) before `authenticate` runs when the budget is spent; else what it throws.
   */
  async authenticate<T>(address: string, authenticate: () => Promise<T>): Promise<T> {
    const key = `ip:${address}`;
    await this.authFailures.check(key);
    try {
      return await authenticate();
    } catch (error) {
      if (isAuthFailure(error)) await this.authFailures.penalize(key);
      throw error;
    }
  }

  /**
   * Counts one request of an operation against the client's overall budget and the operation's
   * own limit (keyed by `userId` for scope `user`, else by address).
   * @returns the state of both policies, for the `RateLimit` headers.
   * @throws RateLimited (429) when either is spent.
   */
  async consume(operationId: string, address: string, userId?: string): Promise<BudgetState[]> {
    const operation = this.operations.get(operationId);
    if (!operation) throw new Error(`no rate limit for operation ${operationId}`);
    const client = userId ? `user:${userId}` : `ip:${address}`;
    const overall = await this.overall.consume(client);
    const key = operation.scope === 'user' && userId ? `user:${userId}` : `ip:${address}`;
    return [await operation.budget.consume(key), overall];
  }
}
