import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnections } from './RedisConnections.js';
import { RedisPresence } from './RedisPresence.js';
import {
  quietLogger,
  redisTestScope,
  sleep,
  unreachableRedisUrl,
  waitFor,
} from './redisTestKit.js';

const scope = redisTestScope();
const { admin, prefix } = scope;
/** Short enough to watch entries expire; refreshed often enough to survive a busy test machine. */
const options = { ttlMs: 500, refreshMs: 50 };

/** One simulated server process: its connections and its presence directory. */
async function serverProcess() {
  const redis = await scope.open();
  return { redis, presence: new RedisPresence(redis, quietLogger, options) };
}

/** The sorted list of users among `ids` that `presence` reports online. */
async function online(presence: RedisPresence, ids = ['u1', 'u2', 'u3']): Promise<string[]> {
  return [...(await presence.onlineAmong(ids))].sort();
}

let b: Awaited<ReturnType<typeof serverProcess>>;

beforeAll(async () => {
  b = await serverProcess();
});

afterAll(async () => {
  await b.presence.close();
});

describe('RedisPresence', () => {
  it('shows a user connected to one process as online from another, until they leave', async () => {
    const a = await serverProcess();
    a.presence.record('u1', true);
    expect(await online(a.presence)).toEqual(['u1']);
    await waitFor(async () => (await online(b.presence)).join() === 'u1');
    a.presence.record('u2', true);
    a.presence.record('u1', false);
    await waitFor(async () => (await online(b.presence)).join() === 'u2');
    expect(await online(a.presence)).toEqual(['u2']);
    await a.presence.close();
    expect(await online(b.presence)).toEqual([]);
  });

  it('keeps a live process entry beyond its TTL and lets a crashed one expire', async () => {
    const a = await serverProcess();
    a.presence.record('u3', true);
    await waitFor(async () => (await online(b.presence)).join() === 'u3');
    await sleep(4 * options.ttlMs);
    expect(await online(b.presence)).toEqual(['u3']);
    // As after kill -9: the process stops refreshing without removing anything.
    await a.redis.close();
    await waitFor(async () => (await online(b.presence)).length === 0);
    await a.presence.close();
  });

  it('rewrites its entry when Redis lost it, from what this process knows', async () => {
    const a = await serverProcess();
    a.presence.record('u1', true);
    a.presence.record('u2', true);
    await waitFor(async () => (await online(b.presence)).join() === 'u1,u2');
    await admin.del(a.redis.key(`presence:process:${a.redis.processId}`));
    a.presence.record('u3', true);
    await waitFor(async () => (await online(b.presence)).join() === 'u1,u2,u3');
    await a.presence.close();
  });

  it("answers from this process's own sockets while Redis is down", async () => {
    const down = new RedisConnections({
      url: await unreachableRedisUrl(),
      keyPrefix: prefix,
      logger: quietLogger,
    });
    const presence = new RedisPresence(down, quietLogger, options);
    presence.record('u2', true);
    expect(await online(presence)).toEqual(['u2']);
    await presence.close();
    await down.close();
  });

  it('tells who is online on other processes only, and shares last-seen times', async () => {
    const a = await serverProcess();
    a.presence.record('u1', true);
    b.presence.record('u2', true);
    await waitFor(async () => (await a.presence.onlineElsewhere(['u1', 'u2'])).has('u2'));
    expect([...(await a.presence.onlineElsewhere(['u1', 'u2', 'u3']))]).toEqual(['u2']);
    b.presence.record('u2', false);
    a.presence.recordLastSeen('u3', '2026-11-22T07:00:00.000Z');
    b.presence.recordLastSeen('u3', '2026-11-22T06:59:00.000Z');
    await waitFor(async () => (await b.presence.lastSeenAmong(['u3'])).size === 1);
    expect(Object.fromEntries(await b.presence.lastSeenAmong(['u3', 'u4']))).toEqual({
      u3: '2026-11-22T07:00:00.000Z',
    });
    await a.presence.close();
  });
});
