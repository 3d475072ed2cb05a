import path from 'node:path';
import type { ServerConfig } from './ServerConfig.js';

/** The defaults of {@link ServerConfig}, documented there. */
export const defaultConfig: ServerConfig = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './data',
  databaseFile: path.join('./data', 'imkit.sqlite'),
  sqliteSynchronous: 'FULL',
  databaseUrl: undefined,
  databasePoolSize: 10,
  redisUrl: undefined,
  redisKeyPrefix: 'imkit:',
  shutdownGraceMs: 10_000,
  jwtSecret: undefined,
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 30 * 24 * 3600,
  heartbeatIntervalMs: 25_000,
  maxResumeBacklog: 1000,
  realtimeMaxFrameBytes: 16 * 1024,
  realtimeFrameBurst: 100,
  realtimeFramesPerSecond: 50,
  realtimeMaxBufferedBytes: 1024 * 1024,
  realtimeReplayBatchSize: 100,
  rateLimitPerMinute: 1200,
  rateLimitScale: 1,
  authFailuresPerMinute: 60,
  loginFailuresPer15Min: 10,
  loginFailuresPerAddressPerDay: 100,
  loginFailuresPerAccountPerHour: 50,
  trustProxy: false,
  logLevel: 'info',
  publicUrl: undefined,
  filesDir: path.join('./data', 'files'),
  maxUploadBytes: 50 * 1024 * 1024,
  unsentFileTtlMs: 24 * 3600 * 1000,
  smtpUrl: undefined,
  mailFrom: 'imkit <no-reply@imkit.localhost>',
};

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, schemes: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    // The value may hold a password: never echo it.
    throw new Error(`${name} must be a URL (${schemes.join(' or ')}//...)`);
  }
  if (!schemes.includes(parsed.protocol)) {
    throw new Error(
      `${name} must start with ${schemes.join(' or ')}//, got "${parsed.protocol}//"`,
    );
  }
  return raw;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  if (raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

/**
 * Builds the server configuration from environment variables (`PORT`, `HOST`,
 * `IMKIT_DATA_DIR`, `IMKIT_DATABASE_FILE`, `IMKIT_SQLITE_SYNCHRONOUS`, `IMKIT_DATABASE_URL`,
 * `IMKIT_DATABASE_POOL_SIZE`, `IMKIT_REDIS_URL`, `IMKIT_REDIS_KEY_PREFIX`, `IMKIT_SHUTDOWN_GRACE_MS`,
 * `IMKIT_JWT_SECRET`,
 * `IMKIT_ACCESS_TOKEN_TTL_SECONDS`, `IMKIT_RATE_LIMIT_PER_MINUTE`, `IMKIT_RATE_LIMIT_SCALE`,
 * `IMKIT_TRUST_PROXY`, `LOG_LEVEL`, `IMKIT_PUBLIC_URL`, `IMKIT_FILES_DIR`, `IMKIT_MAX_UPLOAD_BYTES`, `IMKIT_SMTP_URL`,
 * `IMKIT_MAIL_FROM`).
 * @throws Error naming the variable when a value is malformed.
 */
export function loadConfig(env: NodeJS.ProcessEnv): ServerConfig {
  const dataDir = env.IMKIT_DATA_DIR || defaultConfig.dataDir;
  const synchronous = (env.IMKIT_SQLITE_SYNCHRONOUS || 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new Error(`IMKIT_SQLITE_SYNCHRONOUS must be FULL or NORMAL, got "${synchronous}"`);
  }
  return {
    ...defaultConfig,
    port: integer(env, 'PORT', defaultConfig.port),
    host: env.HOST || defaultConfig.host,
    dataDir,
    databaseFile: env.IMKIT_DATABASE_FILE || path.join(dataDir, 'imkit.sqlite'),
    sqliteSynchronous: synchronous,
    databaseUrl: url(env, 'IMKIT_DATABASE_URL', ['postgres:', 'postgresql:']),
    databasePoolSize: integer(env, 'IMKIT_DATABASE_POOL_SIZE', defaultConfig.databasePoolSize),
    redisUrl: url(env, 'IMKIT_REDIS_URL', ['redis:', 'rediss:']),
    redisKeyPrefix: env.IMKIT_REDIS_KEY_PREFIX || defaultConfig.redisKeyPrefix,
    shutdownGraceMs: integer(env, 'IMKIT_SHUTDOWN_GRACE_MS', defaultConfig.shutdownGraceMs),
    jwtSecret: env.IMKIT_JWT_SECRET || undefined,
    accessTokenTtlSeconds: integer(env, 'IMKIT_ACCESS_TOKEN_TTL_SECONDS', 900),
    rateLimitPerMinute: integer(env, 'IMKIT_RATE_LIMIT_PER_MINUTE', 1200),
    rateLimitScale: positiveNumber(env, 'IMKIT_RATE_LIMIT_SCALE', 1),
    trustProxy: flag(env, 'IMKIT_TRUST_PROXY'),
    logLevel: env.LOG_LEVEL || defaultConfig.logLevel,
    publicUrl: url(env, 'IMKIT_PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, ''),
    filesDir: env.IMKIT_FILES_DIR || path.join(dataDir, 'files'),
    maxUploadBytes: integer(env, 'IMKIT_MAX_UPLOAD_BYTES', defaultConfig.maxUploadBytes),
    smtpUrl: url(env, 'IMKIT_SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.IMKIT_MAIL_FROM || defaultConfig.mailFrom,
  };
}
