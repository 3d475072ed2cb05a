import { beforeAll, describe, expect, it } from 'vitest';
import type { EphemeralEvent } from '../realtime/ephemeral.js';
import type { RedisConnections } from './RedisConnections.js';
import { EPHEMERAL_CHANNEL, RedisEphemeralBus } from './RedisEphemeralBus.js';
import { quietLogger, redisTestScope, waitFor } from './redisTestKit.js';

const scope = redisTestScope();
const { admin } = scope;
let redisA: RedisConnections;
let redisB: RedisConnections;

/** The ephemeral bus of one simulated process, and what its listener received. */
function bus(redis: RedisConnections) {
  const events = new RedisEphemeralBus(redis, quietLogger);
  const received: { audience: string[]; event: EphemeralEvent }[] = [];
  events.subscribe((audience, event) => received.push({ audience, event }));
  return { events, received };
}

const presence = (userId: string): EphemeralEvent => ({
  type: 'presence.updated',
  data: { user_id: userId, presence: 'offline', last_seen_at: '2026-11-22T07:00:00.000Z' },
});

const subscribers = async () =>
  (await admin.pubsub('NUMSUB', redisA.key(EPHEMERAL_CHANNEL)))[1] as number;

beforeAll(async () => {
  [redisA, redisB] = await Promise.all([scope.open(), scope.open()]);
});

describe('RedisEphemeralBus', () => {
  it('carries an event and its audience to the other processes, not back to itself', async () => {
    const a = bus(redisA);
    const b = bus(redisB);
    await waitFor(async () => (await subscribers()) === 2);
    a.events.publish(['u1', 'u2'], presence('u9'));
    a.events.publish([], presence('u8'));
    b.events.publish(['u3'], presence('u7'));
    await waitFor(() => b.received.length === 1 && a.received.length === 1);
    expect(b.received).toEqual([{ audience: ['u1', 'u2'], event: presence('u9') }]);
    expect(a.received).toEqual([{ audience: ['u3'], event: presence('u7') }]);
    a.events.close();
    b.events.close();
  });

  it('drops malformed messages', async () => {
    const a = bus(redisA);
    await waitFor(async () => (await subscribers()) === 1);
    const channel = redisA.key(EPHEMERAL_CHANNEL);
    const other = (fields: object) => JSON.stringify({ origin: 'other', ...fields });
    await admin.publish(channel, 'not json');
    await admin.publish(channel, other({ audience: 'u1', event: presence('u1') }));
    await admin.publish(channel, other({ audience: ['u1'], event: { type: 'message.created' } }));
    await admin.publish(channel, other({ audience: ['u1'], event: presence('u2') }));
    await waitFor(() => a.received.length === 1);
    expect(a.received).toEqual([{ audience: ['u1'], event: presence('u2') }]);
    a.events.close();
  });
});
