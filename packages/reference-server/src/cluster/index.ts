/**
 * What several server processes share through Redis: connections, committed events, session
 * revocations and presence. (Rate-limit counters: `redisLimiters` in `http/rateLimits`.)
 */
export type { MessageHandler } from './ChannelSubscriptions.js';
export { LocalPresence, type LocalPresenceSource } from './LocalPresence.js';
export type { PresenceDirectory } from './PresenceDirectory.js';
export {
  RedisConnections,
  type RedisConnectionsOptions,
  type RedisState,
} from './RedisConnections.js';
export { EVENTS_CHANNEL, RedisEventBus } from './RedisEventBus.js';
export { RedisPresence, type RedisPresenceOptions } from './RedisPresence.js';
export { REVOCATIONS_CHANNEL, RedisSessionRevocations } from './RedisSessionRevocations.js';
