import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('stays within [0, min(max, initial * 2^(attempt - 1))]', () => {
    const options = { initialDelayMs: 500, maxDelayMs: 30_000 };
    for (let attempt = 1; attempt <= 40; attempt += 1) {
      const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
      for (let i = 0; i < 50; i += 1) {
        const delay = backoffDelay(attempt, options);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('reaches the ceiling of each attempt and caps at maxDelayMs', () => {
    const almostOne = () => 0.999_999;
    expect(backoffDelay(1, {}, almostOne)).toBe(499);
    expect(backoffDelay(3, {}, almostOne)).toBe(1999);
    expect(backoffDelay(1000, {}, almostOne)).toBe(29_999);
    expect(backoffDelay(5, { initialDelayMs: 100, maxDelayMs: 1000 }, () => 0)).toBe(0);
  });
});
