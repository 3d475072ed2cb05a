import { beforeAll, describe, expect, it } from 'vitest';
import type { CommittedEvent } from '../domain/events.js';
import { RedisConnections } from './RedisConnections.js';
import { EVENTS_CHANNEL, RedisEventBus } from './RedisEventBus.js';
import {
  killConnection,
  openProcess,
  quietLogger,
  redisTestScope,
  unreachableRedisUrl,
  waitFor,
} from './redisTestKit.js';

const scope = redisTestScope();
const { admin, prefix } = scope;
let redisA: RedisConnections;
let redisB: RedisConnections;

/** The event bus of one simulated process, and the events its listener received. */
function bus(redis: RedisConnections) {
  const events = new RedisEventBus(redis, quietLogger);
  const received: CommittedEvent[] = [];
  events.subscribe((batch) => received.push(...batch));
  return { events, received };
}

const event = (position: number, audience = ['u1']): CommittedEvent => ({
  position,
  payload: JSON.stringify({ type: 'message.created', position }),
  audience,
});

const subscribers = async () =>
  (await admin.pubsub('NUMSUB', redisA.key(EVENTS_CHANNEL)))[1] as number;

beforeAll(async () => {
  [redisA, redisB] = await Promise.all([scope.open(), scope.open()]);
});

describe('RedisEventBus', () => {
  it('carries events published on one process to the others, not back to itself', async () => {
    const a = bus(redisA);
    const b = bus(redisB);
    await waitFor(async () => (await subscribers()) === 2);
    a.events.publish([event(1, ['u1', 'u2']), event(2)]);
    await waitFor(() => b.received.length === 2);
    expect(b.received).toEqual([event(1, ['u1', 'u2']), event(2)]);
    // B's batch reaches A after A's own echo would have: A has ignored that echo.
    b.events.publish([event(3)]);
    await waitFor(() => a.received.length > 0);
    expect(a.received).toEqual([event(3)]);
    a.events.close();
    b.events.close();
  });

  it('drops malformed messages and malformed events, delivering the valid ones', async () => {
    const a = bus(redisA);
    await waitFor(async () => (await subscribers()) === 1);
    const channel = redisA.key(EVENTS_CHANNEL);
    const other = (events: unknown) => JSON.stringify({ origin: 'other', events });
    for (const garbage of [
      'not json',
      JSON.stringify({ events: [event(4)] }),
      other('nope'),
      other([
        { ...event(5), position: 0 },
        { ...event(6), position: 1.5 },
      ]),
      other([{ ...event(7), payload: {} }, { ...event(8), audience: [1] }, { position: 9 }]),
      other([event(10), { ...event(11), audience: 'u1' }]),
    ]) {
      await admin.publish(channel, garbage);
    }
    await admin.publish(channel, other([event(12)]));
    await waitFor(() => a.received.some((e) => e.position === 12));
    expect(a.received).toEqual([event(10), event(12)]);
    a.events.close();
  });

  it('tells listeners when the subscription is back after a lost connection', async () => {
    const redis = await openProcess(prefix);
    const a = bus(redis);
    let resubscribed = 0;
    a.events.onResubscribed(() => {
      resubscribed += 1;
    });
    expect(resubscribed).toBe(0);
    await killConnection(admin, `imkit-${redis.processId}-subscriber`);
    await waitFor(() => resubscribed === 1);
    bus(redisB).events.publish([event(13)]);
    await waitFor(() => a.received.length === 1);
    expect(a.received).toEqual([event(13)]);
    await redis.close();
  });

  it('publishes without throwing while Redis is down', async () => {
    const down = new RedisConnections({
      url: await unreachableRedisUrl(),
      keyPrefix: prefix,
      logger: quietLogger,
    });
    const a = bus(down);
    expect(() => a.events.publish([event(14)])).not.toThrow();
    a.events.publish([]);
    await down.close();
  });
});
