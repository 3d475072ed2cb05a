import type { Logger } from 'pino';
import { LocalSessionRevocations, type SessionRevocations } from '../auth/SessionRevocations.js';
import { LocalPresence } from '../cluster/LocalPresence.js';
import type { PresenceDirectory } from '../cluster/PresenceDirectory.js';
import { RedisConnections } from '../cluster/RedisConnections.js';
import { RedisEphemeralBus } from '../cluster/RedisEphemeralBus.js';
import { RedisEventBus } from '../cluster/RedisEventBus.js';
import { RedisPresence } from '../cluster/RedisPresence.js';
import { RedisSessionRevocations } from '../cluster/RedisSessionRevocations.js';
import type { ServerConfig } from '../config/ServerConfig.js';
import type { CommittedEvent } from '../domain/events.js';
import {
  type LimiterFactory,
  memoryLimiters,
  redisLimiters,
} from '../http/rateLimits/limiterFactory.js';
import type { EphemeralEvent } from '../realtime/ephemeral.js';
import type { RealtimeHub } from '../realtime/RealtimeHub.js';

/**
 * What this server process shares with the others (committed events, ephemeral events,
 * presence, revocations, rate limits): through Redis when `redisUrl` is set, in
 * this process's memory otherwise. The one place that chooses between the two.
 */
export interface ClusterLinks {
  /** The store of every rate-limit counter (shared, so a limit is not multiplied by processes). */
  limiters: LimiterFactory;
  /** Who is online, on any process. */
  presence: PresenceDirectory;
  /** Revoked sessions, announced to every process. */
  revocations: SessionRevocations;
  /** Sends this process's committed events to the other processes (at most once). */
  publishEvents(events: readonly CommittedEvent[]): void;
  /**
   * Calls `receive` with other processes' committed events, and `resubscribed` whenever the
   * link (re)connects, when events may have been missed.
   */
  followEvents(receive: (events: CommittedEvent[]) => void, resubscribed: () => void): void;
  /** Sends an ephemeral event (typing, presence) for `audience` to the other processes (at most once). */
  publishEphemeral(audience: readonly string[], event: EphemeralEvent): void;
  /** Calls `receive` with other processes' ephemeral events and the users they are for. */
  followEphemeral(receive: (audience: string[], event: EphemeralEvent) => void): void;
  /** The Redis connection's state for `getHealth`; undefined without Redis. */
  redisState?: () => 'up' | 'down';
  /** Stops sharing: unsubscribes, stops presence refresh, closes the Redis connections. */
  close(): Promise<void>;
}

/** Everything in this process's memory: one server process. */
function localLinks(hub: RealtimeHub, limiters: LimiterFactory | undefined): ClusterLinks {
  return {
    limiters: limiters ?? memoryLimiters(),
    presence: new LocalPresence(hub),
    revocations: new LocalSessionRevocations(),
    publishEvents: () => {},
    followEvents: () => {},
    publishEphemeral: () => {},
    followEphemeral: () => {},
    close: async () => {},
  };
}

/**
 * Connects this process to the others. Without `config.redisUrl`, everything stays local.
 * With it, the process starts even when Redis is down (it is logged, and the connection keeps
 * retrying): requests never wait on Redis, and events missed meanwhile are read from the
 * database.
 * @param limiters a rate-limit store to use instead of the default (tests).
 */
export async function connectCluster(
  config: ServerConfig,
  logger: Logger,
  hub: RealtimeHub,
  limiters?: LimiterFactory,
): Promise<ClusterLinks> {
  if (!config.redisUrl) return localLinks(hub, limiters);
  const redis = RedisConnections.fromConfig(config, logger);
  await redis.connect().catch((error: unknown) => {
    logger.warn({ err: error }, 'Redis is not reachable; serving without it and reconnecting');
  });
  const presence = new RedisPresence(redis, logger);
  const stopPresence = hub.onPresenceChange((userId, online) => presence.record(userId, online));
  const revocations = new RedisSessionRevocations(redis, logger);
  const bus = new RedisEventBus(redis, logger);
  const ephemeral = new RedisEphemeralBus(redis, logger);
  return {
    limiters: limiters ?? redisLimiters(redis.commands, { storePrefix: config.redisKeyPrefix }),
    presence,
    revocations,
    publishEvents: (events) => bus.publish(events),
    followEvents(receive, resubscribed) {
      bus.subscribe(receive);
      bus.onResubscribed(resubscribed);
    },
    publishEphemeral: (audience, event) => ephemeral.publish(audience, event),
    followEphemeral(receive) {
      ephemeral.subscribe(receive);
    },
    redisState: () => redis.state(),
    async close() {
      stopPresence();
      bus.close();
      ephemeral.close();
      revocations.close();
      await presence.close();
      await redis.close();
    },
  };
}
