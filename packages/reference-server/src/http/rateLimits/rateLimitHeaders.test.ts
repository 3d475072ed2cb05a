import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from './rateLimitHeaders.js';

describe('rateLimitHeaders', () => {
  it('writes RateLimit-Policy and RateLimit as the IETF draft lists of named policies', () => {
    const send = {
      policy: { name: 'sendMessage', limit: 30, windowSeconds: 10 },
      remaining: 29,
      resetSeconds: 10,
    };
    const overall = {
      policy: { name: 'overall', limit: 1200, windowSeconds: 60 },
      remaining: 7,
      resetSeconds: 42,
    };
    expect(rateLimitHeaders([send, overall])).toEqual({
      'RateLimit-Policy': '"sendMessage";q=30;w=10, "overall";q=1200;w=60',
      RateLimit: '"sendMessage";r=29;t=10, "overall";r=7;t=42',
    });
  });
});
