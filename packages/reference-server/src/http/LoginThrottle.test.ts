import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './LoginThrottle.js';
import { memoryLimiters } from './rateLimits/limiterFactory.js';
import { RateLimited } from './rateLimits/RateBudget.js';

const config = {
  loginFailuresPer15Min: 10,
  loginFailuresPerAddressPerDay: 100,
  loginFailuresPerAccountPerHour: 50,
};

/** A password check that counts its calls and answers `passes`. */
function counting(passes: boolean) {
  const check = async () => {
    check.calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return passes;
  };
  check.calls = 0;
  return check;
}

/** The name of the policy that refused an attempt, or 'allowed'. */
async function outcome(promise: Promise<boolean>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    if (error instanceof RateLimited) return error.state.policy.name;
    throw error;
  }
}

describe('LoginThrottle', () => {
  it('checks at most 10 passwords for 60 concurrent wrong attempts (issue 6 #7)', async () => {
    const throttle = new LoginThrottle(config, memoryLimiters());
    const check = counting(false);
    const results = await Promise.all(
      Array.from({ length: 60 }, () => outcome(throttle.attempt('user:a', '10.0.0.1', check))),
    );
    expect(check.calls).toBe(10);
    expect(results.filter((r) => r === 'login_account_address')).toHaveLength(50);
  });

  it('does not lock the owner out from another address when a stranger exhausted theirs', async () => {
    const throttle = new LoginThrottle(config, memoryLimiters());
    for (let i = 0; i < 10; i += 1) await throttle.attempt('user:a', '10.0.0.66', counting(false));
    expect(await outcome(throttle.attempt('user:a', '10.0.0.66', counting(true)))).toBe(
      'login_account_address',
    );
    expect(await throttle.attempt('user:a', '10.0.0.1', counting(true))).toBe(true);
  });

  it('refuses an address that sprays failures across many accounts', async () => {
    const throttle = new LoginThrottle(
      { ...config, loginFailuresPerAddressPerDay: 5 },
      memoryLimiters(),
    );
    for (let i = 0; i < 5; i += 1)
      await throttle.attempt(`user:${i}`, '10.0.0.66', counting(false));
    expect(await outcome(throttle.attempt('user:new', '10.0.0.66', counting(true)))).toBe(
      'login_address',
    );
  });

  it('slows a distributed attack on one account but keeps addresses the owner logged in from', async () => {
    const throttle = new LoginThrottle(
      { ...config, loginFailuresPerAccountPerHour: 5 },
      memoryLimiters(),
    );
    await throttle.attempt('user:a', '10.0.0.1', counting(true));
    for (let i = 0; i < 5; i += 1) await throttle.attempt('user:a', `10.9.0.${i}`, counting(false));
    expect(await outcome(throttle.attempt('user:a', '10.9.1.1', counting(false)))).toBe(
      'login_account',
    );
    expect(await throttle.attempt('user:a', '10.0.0.1', counting(true))).toBe(true);
  });

  it('forgets the failures of an account from an address after it logs in there', async () => {
    const throttle = new LoginThrottle(config, memoryLimiters());
    for (let i = 0; i < 9; i += 1) await throttle.attempt('user:a', '10.0.0.1', counting(false));
    await throttle.attempt('user:a', '10.0.0.1', counting(true));
    const check = counting(false);
    for (let i = 0; i < 10; i += 1) await throttle.attempt('user:a', '10.0.0.1', check);
    expect(check.calls).toBe(10);
  });
});
