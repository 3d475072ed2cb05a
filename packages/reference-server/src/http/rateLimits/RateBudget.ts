import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../ApiError.js';
import type { LimiterFactory } from './limiterFactory.js';

/**
 * A named quota: `limit` requests per `windowSeconds` (a "quota policy" of the IETF httpapi
 * draft "RateLimit header fields for HTTP"). The name is the operationId for an operation's own
 * `x-rate-limit`.
 */
export interface RatePolicy {
  name: string;
  limit: number;
  windowSeconds: number;
}

/** Where one client stands in one policy. */
export interface BudgetState {
  policy: RatePolicy;
  /** Requests left in the current window. */
  remaining: number;
  /** Whole seconds until the window frees up (at least 1). */
  resetSeconds: number;
}

/** The 429 `rate_limited` problem, carrying the state of the policy that refused. */
export class RateLimited extends ApiError {
  constructor(readonly state: BudgetState) {
    const seconds = state.resetSeconds;
    super(429, 'rate_limited', `Too many requests (${state.policy.name}); retry in ${seconds} s.`, {
      retryAfterSeconds: seconds,
    });
  }
}

function stateOf(policy: RatePolicy, res: RateLimiterRes): BudgetState {
  const resetSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return { policy, remaining: Math.max(0, policy.limit - res.consumedPoints), resetSeconds };
}

/**
 * One policy's counters, one per client key (`user:<id>`, `ip:<address>`), in the store the
 * factory gives. Every method is one atomic store operation.
 */
export class RateBudget {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    readonly policy: RatePolicy,
    limiters: LimiterFactory,
  ) {
    this.limiter = limiters({
      keyPrefix: `rl:${policy.name}`,
      points: policy.limit,
      durationSeconds: policy.windowSeconds,
    });
  }

  /**
   * Takes one request from the key's budget.
   * @throws RateLimited (429) when the budget was already spent; store errors as they are.
   */
  async consume(key: string): Promise<BudgetState> {
    try {
      return stateOf(this.policy, await this.limiter.consume(key));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes)
        throw new RateLimited(stateOf(this.policy, rejection));
      throw rejection;
    }
  }

  /** @throws RateLimited (429) when the key's budget is spent; takes nothing. */
  async check(key: string): Promise<void> {
    const res = await this.limiter.get(key);
    if (res && res.consumedPoints >= this.policy.limit) {
      throw new RateLimited(stateOf(this.policy, res));
    }
  }

  /** How many requests the key used in the current window (0 when none). */
  async used(key: string): Promise<number> {
    return (await this.limiter.get(key))?.consumedPoints ?? 0;
  }

  /** Counts one more request (a failure) against the key, whether or not it is spent. */
  async penalize(key: string): Promise<void> {
    await this.limiter.penalty(key, 1);
  }

  /** Gives back one request taken by {@link consume}. */
  async refund(key: string): Promise<void> {
    await this.limiter.reward(key, 1);
  }

  /** Forgets the key's count. */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
