import type { Context } from 'koa';
import { type BudgetState, RateLimited } from './RateBudget.js';

/**
 * The `RateLimit-Policy` and `RateLimit` fields of the IETF httpapi draft "RateLimit header
 * fields for HTTP" for the given policies, e.g. `"sendMessage";q=30;w=10` and
 * `"sendMessage";r=29;t=10` (`q` quota, `w` window in s, `r` remaining, `t` seconds to reset).
 */
export function rateLimitHeaders(states: BudgetState[]): Record<string, string> {
  return {
    'RateLimit-Policy': states
      .map(({ policy }) => `"${policy.name}";q=${policy.limit};w=${policy.windowSeconds}`)
      .join(', '),
    RateLimit: states
      .map((state) => `"${state.policy.name}";r=${state.remaining};t=${state.resetSeconds}`)
      .join(', '),
  };
}

/** Puts the given policies on the response as `RateLimit-Policy` and `RateLimit`. */
export function setRateLimitHeaders(ctx: Context, states: BudgetState[]): void {
  if (states.length > 0) ctx.set(rateLimitHeaders(states));
}

/**
 * Runs a step that may be refused by a rate limit; when it throws {@link RateLimited}, puts the
 * refusing policy on the response before rethrowing (the problem middleware then answers 429
 * with `Retry-After`).
 */
export async function reportRefusal<T>(ctx: Context, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof RateLimited) setRateLimitHeaders(ctx, [error.state]);
    throw error;
  }
}
