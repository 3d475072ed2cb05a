import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { tooMany } from './LoginThrottle.js';

/** Limits requests per client per minute: the user when authenticated, else the IP address. */
export class RequestLimiter {
  private readonly limiter: RateLimiterMemory;

  /** @param perMinute requests allowed per client per minute. */
  constructor(perMinute: number) {
    this.limiter = new RateLimiterMemory({ points: perMinute, duration: 60 });
  }

  /** @throws ApiError 429 `rate_limited` with Retry-After when the client is over its budget. */
  async consume(clientKey: string): Promise<void> {
    try {
      await this.limiter.consume(clientKey);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw tooMany(rejection);
      throw rejection;
    }
  }
}
