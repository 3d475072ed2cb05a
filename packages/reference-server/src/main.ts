#!/usr/bin/env node
import path from 'node:path';
import pino from 'pino';
import { createServer } from './app/createServer.js';
import { installGracefulShutdown } from './app/gracefulShutdown.js';
import { loadConfig } from './config/loadConfig.js';
import type { ServerConfig } from './config/ServerConfig.js';

/** Where this process stores data, for the start-up log: the SQLite file, or PostgreSQL without credentials. */
function describeStorage(config: ServerConfig): string {
  if (!config.databaseUrl) return config.databaseFile;
  const url = new URL(config.databaseUrl);
  return `postgresql://${url.host}${url.pathname}`;
}

/** Where mail goes, for the start-up log: the SMTP host (never its credentials), or the outbox folder. */
function describeMail(config: ServerConfig): string {
  if (!config.smtpUrl) return `files in ${path.join(config.dataDir, 'outbox')} (no IMKIT_SMTP_URL)`;
  const url = new URL(config.smtpUrl);
  return `${url.protocol}//${url.host}`;
}

const config = loadConfig(process.env);
const logger = pino({ level: config.logLevel });
const server = await createServer(config, logger);
installGracefulShutdown(server, { graceMs: config.shutdownGraceMs, logger });
const url = await server.listen(config.port, config.host);
logger.info(
  {
    url,
    database: describeStorage(config),
    redis: config.redisUrl !== undefined,
    mail: describeMail(config),
  },
  `imkit reference server listening on ${url}`,
);
if (server.unimplemented.length > 0) {
  logger.info(
    { operations: server.unimplemented },
    'spec operations not implemented yet (answer 501)',
  );
}
