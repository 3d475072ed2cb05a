import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/loadConfig.js';
import { loadSpec } from '../spec/loadSpec.js';
import { ApiError } from './ApiError.js';
import { RequestLimiter } from './RequestLimiter.js';
import { memoryLimiters } from './rateLimits/limiterFactory.js';
import { RateLimited } from './rateLimits/RateBudget.js';

const limiter = () => new RequestLimiter(loadSpec(), defaultConfig, memoryLimiters());

async function policyThatRefused(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RateLimited)) throw new Error(`expected RateLimited, got ${error}`);
  return error.state.policy.name;
}

describe('RequestLimiter', () => {
  it("enforces an operation's declared limit per user, with the overall budget beside it", async () => {
    const limits = limiter();
    for (let i = 0; i < 30; i += 1) await limits.consume('sendMessage', '10.0.0.1', 'u1');
    expect(await policyThatRefused(limits.consume('sendMessage', '10.0.0.2', 'u1'))).toBe(
      'sendMessage',
    );
    const states = await limits.consume('sendMessage', '10.0.0.1', 'u2');
    expect(states.map((s) => [s.policy.name, s.remaining])).toEqual([
      ['sendMessage', 29],
      ['overall', 1199],
    ]);
  });

  it('keys scope ip by address, whoever is logged in', async () => {
    const limits = limiter();
    for (let i = 0; i < 10; i += 1) await limits.consume('register', '10.0.0.1');
    expect(await policyThatRefused(limits.consume('register', '10.0.0.1'))).toBe('register');
    await limits.consume('register', '10.0.0.2');
  });

  it('refuses an address past its failed authentications without checking its token', async () => {
    const limits = limiter();
    const invalid = () => Promise.reject(new ApiError(401, 'auth.token_invalid', 'no'));
    for (let i = 0; i < 60; i += 1) {
      await expect(limits.authenticate('10.0.0.1', invalid)).rejects.toMatchObject({ status: 401 });
    }
    let checked = false;
    const valid = async () => {
      checked = true;
      return 'user';
    };
    expect(await policyThatRefused(limits.authenticate('10.0.0.1', valid))).toBe('auth_failures');
    expect(checked).toBe(false);
    expect(await limits.authenticate('10.0.0.2', valid)).toBe('user');
  });

  it('does not count expired tokens, which every client sends once per token lifetime', async () => {
    const limits = limiter();
    const expired = () => Promise.reject(new ApiError(401, 'auth.token_expired', 'refresh'));
    for (let i = 0; i < 100; i += 1) {
      await expect(limits.authenticate('10.0.0.1', expired)).rejects.toMatchObject({ status: 401 });
    }
    expect(await limits.authenticate('10.0.0.1', async () => 'user')).toBe('user');
  });
});
