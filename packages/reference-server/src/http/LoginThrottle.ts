import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from './ApiError.js';

/**
 * Limits failed logins per login name (username or email key), so passwords cannot be
 * guessed quickly: after `failures` failures in 15 minutes, `login` answers 429 until the
 * window passes. A successful login resets the count.
 */
export class LoginThrottle {
  private readonly limiter: RateLimiterMemory;

  /** @param failures failed attempts allowed per login per 15 minutes. */
  constructor(failures: number) {
    this.limiter = new RateLimiterMemory({ points: failures, duration: 15 * 60 });
  }

  /** @throws ApiError 429 `rate_limited` with Retry-After when the login is locked. */
  async check(key: string): Promise<void> {
    const state = await this.limiter.get(key);
    if (state && state.remainingPoints <= 0) throw tooMany(state);
  }

  /** Counts a failed attempt. */
  async fail(key: string): Promise<void> {
    await this.limiter.penalty(key, 1);
  }

  /** Forgets the failures of a login after it succeeded. */
  async succeed(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}

/** The 429 problem for a rate-limiter rejection, with Retry-After in whole seconds. */
export function tooMany(state: RateLimiterRes): ApiError {
  const seconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new ApiError(429, 'rate_limited', `Too many requests; retry in ${seconds} s.`, {
    retryAfterSeconds: seconds,
  });
}
