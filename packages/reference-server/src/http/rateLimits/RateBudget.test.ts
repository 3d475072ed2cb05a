import { describe, expect, it } from 'vitest';
import { memoryLimiters } from './limiterFactory.js';
import { RateBudget, RateLimited } from './RateBudget.js';

const policy = { name: 'sendMessage', limit: 3, windowSeconds: 10 };

async function refusal(promise: Promise<unknown>): Promise<RateLimited> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RateLimited)) throw new Error(`expected RateLimited, got ${error}`);
  return error;
}

describe('RateBudget', () => {
  it('counts down per key and refuses past the limit with the seconds to wait', async () => {
    const budget = new RateBudget(policy, memoryLimiters());
    expect((await budget.consume('user:a')).remaining).toBe(2);
    await budget.consume('user:a');
    expect(await budget.consume('user:a')).toMatchObject({ remaining: 0, resetSeconds: 10 });
    const refused = await refusal(budget.consume('user:a'));
    expect(refused).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(refused.options.retryAfterSeconds).toBe(refused.state.resetSeconds);
    expect(refused.state.resetSeconds).toBeGreaterThanOrEqual(1);
    expect((await budget.consume('user:b')).remaining).toBe(2);
  });

  it('checks without taking, and gives back what it took', async () => {
    const budget = new RateBudget(policy, memoryLimiters());
    await budget.check('ip:1');
    expect(await budget.used('ip:1')).toBe(0);
    for (let i = 0; i < 3; i += 1) await budget.penalize('ip:1');
    await refusal(budget.check('ip:1'));
    await budget.refund('ip:1');
    await budget.check('ip:1');
    await budget.reset('ip:1');
    expect(await budget.used('ip:1')).toBe(0);
  });

  it('grants exactly the limit to concurrent requests', async () => {
    const budget = new RateBudget(policy, memoryLimiters());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => budget.consume('user:a')),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
  });
});
