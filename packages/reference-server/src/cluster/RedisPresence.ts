import type { ChainableCommander } from 'ioredis';
import type { Logger } from 'pino';
import type { PresenceDirectory } from './PresenceDirectory.js';
import type { RedisConnections } from './RedisConnections.js';

/** Tuning of {@link RedisPresence}. */
export interface RedisPresenceOptions {
  /** How long a process's entry outlives its last refresh, in ms. Default: 15000. */
  ttlMs?: number;
  /** How often this process refreshes its entry, in ms. Default: a third of `ttlMs`. */
  refreshMs?: number;
}

/** Sorted set (under the key prefix) of process ids, scored by their last refresh (epoch ms). */
const REGISTRY = 'presence:processes';
/** Hash (under the key prefix): user id -> when their last connection closed (ISO 8601). */
const LAST_SEEN = 'presence:last_seen';
/** Sets a user's last-seen time in the hash only when it is later than the one stored. */
const RECORD_LAST_SEEN = `local stored = redis.call('HGET', KEYS[1], ARGV[1])
if not stored or stored < ARGV[2] then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1`;
/** Set (under the key prefix) of the users connected to one process. */
const processKey = (processId: string) => `presence:process:${processId}`;

/**
 * Presence shared by every server process through Redis (6.2 or newer: `SMISMEMBER`).
 *
 * Each process keeps one set, `<prefix>presence:process:<processId>`, of the users with at
 * least one socket on it, with a TTL (`ttlMs`) that a timer refreshes every `refreshMs`;
 * `<prefix>presence:processes` lists the process ids (scored by last refresh, entries older
 * than 10 TTLs or a minute are pruned). A process killed with `kill -9` stops refreshing, and
 * its set expires by Redis's own clock — so its users read as offline within `ttlMs`, with no
 * clean-up by anyone and no dependence on clocks agreeing between machines. One key per
 * process (rather than one per user) keeps the refresh at one `PEXPIRE` whatever the number of
 * users, and a lookup at one pipelined `SMISMEMBER` per live process.
 *
 * When a user's last connection closed is kept in one hash, `<prefix>presence:last_seen`
 * (user id -> ISO 8601, only ever moved later), with no TTL (one short field per user who ever connected); this
 * process also remembers the times it recorded, so it answers them while Redis is down.
 *
 * This process's own users are answered from memory, and every lookup falls back to memory
 * while Redis is down. Writes that fail (or are skipped while Redis is down) mark the set
 * stale; the next refresh rewrites it whole from memory, as it does when the set's size
 * disagrees with memory (e.g. it expired while the event loop stalled).
 */
export class RedisPresence implements PresenceDirectory {
  private readonly local = new Set<string>();
  private readonly lastSeen = new Map<string, string>();
  private readonly lastSeenKey: string;
  private readonly ttlMs: number;
  private readonly ownKey: string;
  private readonly registryKey: string;
  private readonly timer: NodeJS.Timeout;
  private stale = true;
  private refreshing = false;
  private closed = false;

  /** Starts refreshing this process's entry at once, then every `refreshMs`. */
  constructor(
    private readonly redis: RedisConnections,
    private readonly logger: Logger,
    options: RedisPresenceOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 15_000;
    this.ownKey = redis.key(processKey(redis.processId));
    this.registryKey = redis.key(REGISTRY);
    this.lastSeenKey = redis.key(LAST_SEEN);
    const refreshMs = options.refreshMs ?? Math.max(1, Math.floor(this.ttlMs / 3));
    this.timer = setInterval(() => void this.refresh(), refreshMs);
    this.timer.unref();
    void this.refresh();
  }

  /**
   * Records that a user's first socket on this process opened (`online`) or their last one
   * closed: a `RealtimeHub.onPresenceChange` listener. Writes to Redis in the background.
   */
  record(userId: string, online: boolean): void {
    if (online) this.local.add(userId);
    else this.local.delete(userId);
    if (this.closed) return;
    if (this.redis.state() !== 'up') {
      this.stale = true;
      return;
    }
    const { commands } = this.redis;
    const write = online
      ? this.registered(commands.multi().sadd(this.ownKey, userId)).exec()
      : commands.srem(this.ownKey, userId);
    write.catch((error: unknown) => this.failed(error, 'presence update failed'));
  }

  async onlineAmong(userIds: readonly string[]): Promise<Set<string>> {
    const online = new Set(userIds.filter((userId) => this.local.has(userId)));
    const unknown = userIds.filter((userId) => !online.has(userId));
    for (const userId of await this.onlineElsewhere(unknown)) online.add(userId);
    return online;
  }

  async onlineElsewhere(userIds: readonly string[]): Promise<Set<string>> {
    const online = new Set<string>();
    if (userIds.length === 0 || this.closed || this.redis.state() !== 'up') return online;
    try {
      const { commands, processId } = this.redis;
      const processes = await commands.zrange(this.registryKey, '0', '-1');
      const others = processes.filter((id) => id !== processId);
      if (others.length === 0) return online;
      const lookup = commands.pipeline();
      for (const id of others) lookup.smismember(this.redis.key(processKey(id)), [...userIds]);
      for (const [error, flags] of (await lookup.exec()) ?? []) {
        if (error) throw error;
        userIds.forEach((userId, i) => {
          if ((flags as number[])[i] === 1) online.add(userId);
        });
      }
    } catch (error) {
      this.log(error, 'presence lookup failed; answering from this process');
    }
    return online;
  }

  /** Records `at` unless a later time is already recorded (by this process or another). */
  recordLastSeen(userId: string, at: string): void {
    const known = this.lastSeen.get(userId);
    if (!known || known < at) this.lastSeen.set(userId, at);
    if (this.closed || this.redis.state() !== 'up') return;
    this.redis.commands
      .eval(RECORD_LAST_SEEN, 1, this.lastSeenKey, userId, at)
      .catch((error: unknown) => this.log(error, 'last seen not recorded'));
  }

  async lastSeenAmong(userIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const userId of userIds) {
      const at = this.lastSeen.get(userId);
      if (at !== undefined) found.set(userId, at);
    }
    if (userIds.length === 0 || this.closed || this.redis.state() !== 'up') return found;
    try {
      const stored = await this.redis.commands.hmget(this.lastSeenKey, ...userIds);
      userIds.forEach((userId, i) => {
        const at = stored[i];
        const known = found.get(userId);
        if (at && (!known || at > known)) found.set(userId, at);
      });
    } catch (error) {
      this.log(error, 'last seen lookup failed; answering from this process');
    }
    return found;
  }

  /** Stops refreshing and removes this process's entry (its users read as offline at once). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    if (this.redis.state() !== 'up') return;
    try {
      await this.redis.commands
        .multi()
        .del(this.ownKey)
        .zrem(this.registryKey, this.redis.processId)
        .exec();
    } catch (error) {
      this.failed(error, 'presence entry not removed; it expires by itself');
    }
  }

  /** Adds to `multi` the TTL of this process's set and its place in the registry. */
  private registered(multi: ChainableCommander): ChainableCommander {
    const now = Date.now();
    multi
      .pexpire(this.ownKey, this.ttlMs)
      .zadd(this.registryKey, now, this.redis.processId)
      .zremrangebyscore(this.registryKey, '-inf', now - Math.max(10 * this.ttlMs, 60_000));
    return multi;
  }

  private async refresh(): Promise<void> {
    if (this.refreshing || this.closed) return;
    if (this.redis.state() !== 'up') {
      this.stale = true;
      return;
    }
    this.refreshing = true;
    try {
      if (!this.stale) {
        const size = this.local.size;
        const replies = await this.registered(
          this.redis.commands.multi().scard(this.ownKey),
        ).exec();
        if (Number(replies?.[0]?.[1]) !== size) this.stale = true;
      }
      if (this.stale) await this.rewrite();
    } catch (error) {
      this.failed(error, 'presence refresh failed');
    } finally {
      this.refreshing = false;
    }
  }

  /** Replaces this process's set with the users in memory. */
  private async rewrite(): Promise<void> {
    this.stale = false;
    const multi = this.redis.commands.multi().del(this.ownKey);
    if (this.local.size > 0) multi.sadd(this.ownKey, [...this.local]);
    await this.registered(multi).exec();
  }

  /** A write that failed: the set in Redis may now differ from memory. */
  private failed(error: unknown, message: string): void {
    this.stale = true;
    this.log(error, message);
  }

  /** Logs at `warn`, or `debug` while Redis is down (RedisConnections has said so once). */
  private log(error: unknown, message: string): void {
    this.logger[this.redis.state() === 'up' ? 'warn' : 'debug']({ err: error }, message);
  }
}
