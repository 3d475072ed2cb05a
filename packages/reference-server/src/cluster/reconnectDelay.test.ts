import { describe, expect, it } from 'vitest';
import { MAX_RECONNECT_DELAY_MS, reconnectDelay } from './reconnectDelay.js';

describe('reconnectDelay', () => {
  it('grows from about 50 ms and never exceeds the cap, however many attempts failed', () => {
    expect(reconnectDelay(1)).toBeGreaterThanOrEqual(50);
    expect(reconnectDelay(1)).toBeLessThan(150);
    expect(reconnectDelay(4)).toBeGreaterThanOrEqual(400);
    for (const attempt of [10, 100, 10_000]) {
      expect(reconnectDelay(attempt)).toBe(MAX_RECONNECT_DELAY_MS);
    }
    expect(reconnectDelay(50, 500)).toBe(500);
  });
});
