import { randomUUID } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { type Logger, pino } from 'pino';
import { afterAll } from 'vitest';
import { RedisConnections, type RedisConnectionsOptions } from './RedisConnections.js';

/**
 * Helpers for the tests of this folder, which run against a real Redis
 * (`IMKIT_TEST_REDIS_URL`, default `redis://127.0.0.1:6379`). Not used by the server.
 */
export const testRedisUrl = process.env.IMKIT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test run uses, e.g. `imkit-test:1b2c…:`. */
export function uniquePrefix(): string {
  return `imkit-test:${randomUUID()}:`;
}

/** A pino logger that keeps each line's `msg`, for assertions on what was logged. */
export function recordingLogger(): { logger: Logger; messages: string[] } {
  const messages: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        messages.push(JSON.parse(line).msg);
      }
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), messages };
}

/** A silent logger. */
export const quietLogger = pino({ level: 'silent' });

/** Connections of one simulated server process to the test Redis, connected. */
export async function openProcess(
  keyPrefix: string,
  options: Partial<RedisConnectionsOptions> = {},
): Promise<RedisConnections> {
  const redis = new RedisConnections({
    url: testRedisUrl,
    keyPrefix,
    logger: quietLogger,
    ...options,
  });
  await redis.connect();
  return redis;
}

/** One test file's own corner of the test Redis; see {@link redisTestScope}. */
export interface RedisTestScope {
  /** A plain client for arranging and inspecting Redis directly. */
  admin: Redis;
  /** The file's key prefix, from {@link uniquePrefix}. */
  prefix: string;
  /**
   * Opens one simulated server process under `prefix` (as {@link openProcess}), closed after
   * the file's tests. Rejects as `RedisConnections.connect` does.
   */
  open(options?: Partial<RedisConnectionsOptions>): Promise<RedisConnections>;
}

/**
 * Gives a test file a unique key prefix and an admin client, and registers an `afterAll` that
 * closes the processes opened through the scope, deletes every key under the prefix and
 * disconnects the admin client. Call it once at the top level of a test file; `afterAll` hooks
 * the file registers later run before this one.
 */
export function redisTestScope(): RedisTestScope {
  const admin = adminClient();
  const prefix = uniquePrefix();
  const opened: RedisConnections[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((redis) => redis.close()));
    await deleteKeys(admin, prefix);
    admin.disconnect();
  });
  return {
    admin,
    prefix,
    async open(options = {}) {
      const redis = await openProcess(prefix, options);
      opened.push(redis);
      return redis;
    },
  };
}

/** A `redis://` URL on a local port where nothing listens (connections are refused). */
export async function unreachableRedisUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `redis://127.0.0.1:${port}`;
}

/** A plain client for arranging and inspecting Redis directly. */
export function adminClient(): Redis {
  return new Redis(testRedisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(admin: Redis, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const batch of admin.scanStream({ match: `${prefix}*`, count: 500 })) {
    keys.push(...(batch as string[]));
  }
  if (keys.length > 0) await admin.del(keys);
}

/** Closes the server-side end of the named connection, as a network failure would. */
export async function killConnection(admin: Redis, name: string): Promise<void> {
  const list = String(await admin.client('LIST'));
  const line = list.split('\n').find((entry) => entry.includes(` name=${name} `));
  const id = line?.match(/\bid=(\d+)/)?.[1];
  if (!id) throw new Error(`no Redis connection named ${name}`);
  await admin.client('KILL', 'ID', id);
}

/** Resolves once `check()` is true, polling every 10 ms; rejects after `timeoutMs` (5000). */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A TCP proxy to the test Redis that can stop passing replies on, as a hung Redis would. */
export interface FreezableProxy {
  /** `redis://` URL of the proxy. */
  url: string;
  /** From now on, replies from Redis are held back (connections stay open). */
  freeze(): void;
  /** Closes the proxy and every connection through it. */
  close(): Promise<void>;
}

/** Starts a {@link FreezableProxy} on a free local port. */
export async function freezableProxy(): Promise<FreezableProxy> {
  const target = new URL(testRedisUrl);
  const sockets = new Set<Socket>();
  const upstreams = new Set<Socket>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    }
    upstreams.add(upstream);
    if (frozen) upstream.pause();
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze() {
      frozen = true;
      for (const upstream of upstreams) {
        upstream.unpipe();
        upstream.pause();
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
