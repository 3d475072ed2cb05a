import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionRevocation } from '../auth/SessionRevocations.js';
import { RedisConnections } from './RedisConnections.js';
import { REVOCATIONS_CHANNEL, RedisSessionRevocations } from './RedisSessionRevocations.js';
import { quietLogger, redisTestScope, unreachableRedisUrl, waitFor } from './redisTestKit.js';

const scope = redisTestScope();
const { admin, prefix } = scope;
let redisA: RedisConnections;
let redisB: RedisConnections;

/** A revocation bus of one simulated process, and what its listener received. */
function bus(redis: RedisConnections) {
  const revocations = new RedisSessionRevocations(redis, quietLogger);
  const received: SessionRevocation[] = [];
  revocations.subscribe((revocation) => received.push(revocation));
  return { revocations, received };
}

beforeAll(async () => {
  [redisA, redisB] = await Promise.all([scope.open(), scope.open()]);
});

describe('RedisSessionRevocations', () => {
  it("reaches this process's listeners once and another process's listeners once", async () => {
    const a = bus(redisA);
    const b = bus(redisB);
    await waitFor(
      async () => (await admin.pubsub('NUMSUB', redisA.key(REVOCATIONS_CHANNEL)))[1] === 2,
    );
    await a.revocations.publish({ sessionId: 's1', reason: 'logout' });
    expect(a.received).toEqual([{ sessionId: 's1', reason: 'logout' }]);
    await waitFor(() => b.received.length === 1);
    // B's message arrives on A after A's own echo would have: A has ignored that echo.
    await b.revocations.publish({ sessionId: 's2', reason: 'password_changed' });
    await waitFor(() => a.received.length === 2);
    expect(a.received.map((r) => r.sessionId)).toEqual(['s1', 's2']);
    expect(b.received).toEqual([
      { sessionId: 's1', reason: 'logout' },
      { sessionId: 's2', reason: 'password_changed' },
    ]);
    a.revocations.close();
    b.revocations.close();
  });

  it('ignores malformed messages and keeps listening', async () => {
    const a = bus(redisA);
    const b = bus(redisB);
    await waitFor(
      async () => (await admin.pubsub('NUMSUB', redisA.key(REVOCATIONS_CHANNEL)))[1] === 2,
    );
    const channel = redisA.key(REVOCATIONS_CHANNEL);
    for (const garbage of [
      'not json',
      '[]',
      '{"sessionId":"x","reason":"logout"}',
      '{"origin":"z","sessionId":7,"reason":"logout"}',
    ]) {
      await admin.publish(channel, garbage);
    }
    await b.revocations.publish({ sessionId: 's3', reason: 'logout' });
    await waitFor(() => a.received.length === 1);
    expect(a.received).toEqual([{ sessionId: 's3', reason: 'logout' }]);
    a.revocations.close();
    b.revocations.close();
  });

  it("closes this process's sockets even while Redis is down, without rejecting", async () => {
    const down = new RedisConnections({
      url: await unreachableRedisUrl(),
      keyPrefix: prefix,
      logger: quietLogger,
    });
    const a = bus(down);
    await a.revocations.publish({ sessionId: 's4', reason: 'logout' });
    expect(a.received).toEqual([{ sessionId: 's4', reason: 'logout' }]);
    await down.close();
  });
});
