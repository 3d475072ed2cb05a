import { RateLimiterRes } from 'rate-limiter-flexible';
import { beforeAll, describe, expect, it } from 'vitest';
import { redisLimiters } from '../http/rateLimits/limiterFactory.js';
import { RedisConnections } from './RedisConnections.js';
import { quietLogger, redisTestScope, unreachableRedisUrl } from './redisTestKit.js';

const scope = redisTestScope();
const { admin, prefix } = scope;
const policy = { keyPrefix: 'rl:sendMessage', points: 3, durationSeconds: 60 };
let redisA: RedisConnections;
let redisB: RedisConnections;

/** 'allowed', or 'refused' when the limiter rejected with its result; store errors rethrown. */
async function outcome(consumption: Promise<unknown>): Promise<string> {
  try {
    await consumption;
    return 'allowed';
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return 'refused';
    throw rejection;
  }
}

beforeAll(async () => {
  [redisA, redisB] = await Promise.all([scope.open(), scope.open()]);
});

describe('redisLimiters', () => {
  it('counts requests once across every process sharing the Redis', async () => {
    const onA = redisLimiters(redisA.commands, { storePrefix: prefix })(policy);
    const onB = redisLimiters(redisB.commands, { storePrefix: prefix })(policy);
    const results = [
      await outcome(onA.consume('user:u1')),
      await outcome(onA.consume('user:u1')),
      await outcome(onB.consume('user:u1')),
      await outcome(onB.consume('user:u1')),
      await outcome(onB.consume('user:u2')),
    ];
    expect(results).toEqual(['allowed', 'allowed', 'allowed', 'refused', 'allowed']);
    expect(await admin.get(`${prefix}rl:sendMessage:user:u1`)).toBe('4');
  });

  it("keeps limiting in this process's memory while Redis is down", async () => {
    const down = new RedisConnections({
      url: await unreachableRedisUrl(),
      keyPrefix: prefix,
      logger: quietLogger,
    });
    const limiter = redisLimiters(down.commands, { storePrefix: prefix })(policy);
    const results: string[] = [];
    for (let i = 0; i < 4; i += 1) results.push(await outcome(limiter.consume('user:u1')));
    expect(results).toEqual(['allowed', 'allowed', 'allowed', 'refused']);
    expect(await outcome(limiter.get('user:u1'))).toBe('allowed');
    await down.close();
  });
});
