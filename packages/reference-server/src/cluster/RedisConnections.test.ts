import { describe, expect, it } from 'vitest';
import { RedisConnections } from './RedisConnections.js';
import {
  killConnection,
  recordingLogger,
  redisTestScope,
  testRedisUrl,
  unreachableRedisUrl,
  waitFor,
} from './redisTestKit.js';

const { admin, prefix } = redisTestScope();

describe('RedisConnections', () => {
  it('is up once connected and names every key and channel under its prefix', async () => {
    const redis = new RedisConnections({
      url: testRedisUrl,
      keyPrefix: prefix,
      logger: recordingLogger().logger,
    });
    expect(redis.state()).toBe('down');
    await redis.connect();
    expect(redis.state()).toBe('up');
    expect(redis.key('presence')).toBe(`${prefix}presence`);
    const received: string[] = [];
    redis.subscribe('news', (message) => received.push(message));
    await waitFor(async () => (await redis.publish('news', 'hello')) > 0 && received.length > 0);
    expect(received[0]).toBe('hello');
    await redis.close();
    expect(redis.state()).toBe('down');
  });

  it('subscribes again after losing its connection, tells listeners, and logs each transition once', async () => {
    const { logger, messages } = recordingLogger();
    const redis = new RedisConnections({ url: testRedisUrl, keyPrefix: prefix, logger });
    let resubscribed = 0;
    redis.onResubscribed(() => {
      resubscribed += 1;
    });
    const received: string[] = [];
    redis.subscribe('news', (message) => received.push(message));
    await redis.connect();
    await waitFor(() => resubscribed === 1);

    await killConnection(admin, `imkit-${redis.processId}-subscriber`);
    await waitFor(() => resubscribed === 2);
    expect(redis.state()).toBe('up');
    await admin.publish(redis.key('news'), 'after the reconnection');
    await waitFor(() => received.includes('after the reconnection'));
    expect(messages.filter((m) => m === 'redis unreachable; reconnecting')).toHaveLength(1);
    expect(messages.filter((m) => m === 'redis connected')).toHaveLength(2);
    await redis.close();
  });

  it('fails fast while Redis is unreachable, logs that once, and still closes', async () => {
    const { logger, messages } = recordingLogger();
    const redis = new RedisConnections({
      url: await unreachableRedisUrl(),
      keyPrefix: prefix,
      logger,
    });
    let errors = 0;
    redis.commands.on('error', () => {
      errors += 1;
    });
    await expect(redis.connect()).rejects.toThrow();
    expect(redis.state()).toBe('down');
    await expect(redis.publish('news', 'lost')).rejects.toThrow();
    await expect(redis.commands.get('any')).rejects.toThrow();
    await waitFor(() => errors >= 3);
    expect(messages.filter((m) => m === 'redis unreachable; reconnecting')).toHaveLength(1);
    await redis.close();
    expect(redis.state()).toBe('down');
  });

  it('refuses to be built from a configuration without a Redis URL', () => {
    expect(() =>
      RedisConnections.fromConfig(
        { redisUrl: undefined, redisKeyPrefix: prefix },
        recordingLogger().logger,
      ),
    ).toThrow(/redisUrl/);
  });
});
