import { describe, expect, it } from 'vitest';
import { reauthDelay } from './reauthDelay.js';

describe('reauthDelay', () => {
  it('re-authenticates 25 s before a long-lived token expires', () => {
    expect(reauthDelay(900_000)).toBe(875_000);
  });

  it('re-authenticates halfway through a short-lived token, and at once when it expired', () => {
    expect(reauthDelay(2000)).toBe(1000);
    expect(reauthDelay(0)).toBe(0);
  });
});
