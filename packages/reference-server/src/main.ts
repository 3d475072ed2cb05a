#!/usr/bin/env node
import pino from 'pino';
import { createServer } from './app/createServer.js';
import { loadConfig } from './config/loadConfig.js';

const config = loadConfig(process.env);
const logger = pino({ level: config.logLevel });
const server = await createServer(config, logger);
const url = await server.listen(config.port, config.host);
logger.info({ url, database: config.databaseFile }, `imkit reference server listening on ${url}`);
if (server.unimplemented.length > 0) {
  logger.info(
    { operations: server.unimplemented },
    'spec operations not implemented yet (answer 501)',
  );
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
