import { RateLimiterRes } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import type { SessionRevocation } from '../auth/SessionRevocations.js';
import { redisLimiters } from '../http/rateLimits/limiterFactory.js';
import { RedisEventBus } from './RedisEventBus.js';
import { RedisPresence } from './RedisPresence.js';
import { RedisSessionRevocations } from './RedisSessionRevocations.js';
import { freezableProxy, openProcess, quietLogger, redisTestScope } from './redisTestKit.js';

const { prefix } = redisTestScope();

describe('a Redis that stops answering', () => {
  it('never leaves a caller waiting: each command times out and falls back to this process', async () => {
    const proxy = await freezableProxy();
    const redis = await openProcess(prefix, { url: proxy.url, commandTimeoutMs: 200 });
    const presence = new RedisPresence(redis, quietLogger);
    const revocations = new RedisSessionRevocations(redis, quietLogger);
    const revoked: SessionRevocation[] = [];
    revocations.subscribe((revocation) => revoked.push(revocation));
    const limiter = redisLimiters(redis.commands, { storePrefix: prefix })({
      keyPrefix: 'rl:hung',
      points: 1,
      durationSeconds: 60,
    });
    presence.record('u1', true);

    proxy.freeze();
    expect(redis.state()).toBe('up');
    await expect(redis.commands.get(redis.key('x'))).rejects.toThrow(/timed out/);
    expect([...(await presence.onlineAmong(['u1', 'u2']))]).toEqual(['u1']);
    await revocations.publish({ sessionId: 's1', reason: 'logout' });
    expect(revoked).toEqual([{ sessionId: 's1', reason: 'logout' }]);
    new RedisEventBus(redis, quietLogger).publish([{ position: 1, payload: '{}', audience: [] }]);
    await limiter.consume('user:u1');
    await expect(limiter.consume('user:u1')).rejects.toBeInstanceOf(RateLimiterRes);

    await presence.close();
    await redis.close();
    await proxy.close();
  });
});
