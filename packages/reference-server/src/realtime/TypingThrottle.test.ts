import { describe, expect, it } from 'vitest';
import { TYPING_EXPIRES_MS, TYPING_MIN_INTERVAL_MS, TypingThrottle } from './TypingThrottle.js';

function throttleAt(start = 0) {
  const clock = { now: start };
  return { clock, throttle: new TypingThrottle(() => clock.now) };
}

describe('TypingThrottle', () => {
  it('relays a started, drops renewals faster than the minimum interval, relays the next one', () => {
    const { clock, throttle } = throttleAt();
    expect(throttle.admit('u1', 'c1', 'started')).toBe(true);
    clock.now += TYPING_MIN_INTERVAL_MS - 1;
    expect(throttle.admit('u1', 'c1', 'started')).toBe(false);
    clock.now += 1;
    expect(throttle.admit('u1', 'c1', 'started')).toBe(true);
  });

  it('keeps users and conversations apart', () => {
    const { throttle } = throttleAt();
    expect(throttle.admit('u1', 'c1', 'started')).toBe(true);
    expect(throttle.admit('u2', 'c1', 'started')).toBe(true);
    expect(throttle.admit('u1', 'c2', 'started')).toBe(true);
  });

  it('relays a stopped only when it hides a shown indicator, and drops flapping', () => {
    const { clock, throttle } = throttleAt();
    expect(throttle.admit('u1', 'c1', 'stopped')).toBe(false);
    expect(throttle.admit('u1', 'c1', 'started')).toBe(true);
    expect(throttle.admit('u1', 'c1', 'stopped')).toBe(true);
    expect(throttle.admit('u1', 'c1', 'stopped')).toBe(false);
    // Started again within the interval: dropped, and so is the stop that would follow.
    expect(throttle.admit('u1', 'c1', 'started')).toBe(false);
    expect(throttle.admit('u1', 'c1', 'stopped')).toBe(false);
    clock.now += TYPING_MIN_INTERVAL_MS;
    expect(throttle.admit('u1', 'c1', 'started')).toBe(true);
  });

  it('drops a stopped for an indicator receivers already expired, and forgets it', () => {
    const { clock, throttle } = throttleAt();
    throttle.admit('u1', 'c1', 'started');
    throttle.admit('u2', 'c1', 'started');
    clock.now += TYPING_EXPIRES_MS;
    expect(throttle.admit('u1', 'c1', 'stopped')).toBe(false);
    clock.now += 10_000;
    throttle.admit('u3', 'c1', 'started');
    expect(throttle.size).toBe(1);
  });
});
