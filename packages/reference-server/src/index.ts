export { createServer, type ImkitServer } from './app/createServer.js';
export type { SessionRevocations } from './auth/SessionRevocations.js';
export { defaultConfig, loadConfig } from './config/loadConfig.js';
export type { ServerConfig } from './config/ServerConfig.js';
export { ApiError, type ErrorCode, type FieldError } from './http/ApiError.js';
export {
  type LimiterFactory,
  memoryLimiters,
  redisLimiters,
} from './http/rateLimits/limiterFactory.js';
