import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { AccessTokens } from '../auth/accessTokens.js';
import { authenticateToken } from '../auth/authenticateRequest.js';
import { resolveJwtSecret } from '../auth/jwtSecret.js';
import { LocalSessionRevocations } from '../auth/SessionRevocations.js';
import { defaultConfig } from '../config/loadConfig.js';
import type { ServerConfig } from '../config/ServerConfig.js';
import { type Database, openDatabase } from '../db/openDatabase.js';
import { WriteBatcher } from '../db/WriteBatcher.js';
import { CursorCodec } from '../domain/cursors.js';
import { headPosition } from '../domain/events.js';
import type { Services } from '../domain/Services.js';
import { unitOfWork } from '../domain/unitOfWork.js';
import { LoginThrottle } from '../http/LoginThrottle.js';
import { RequestLimiter } from '../http/RequestLimiter.js';
import { type LimiterFactory, memoryLimiters } from '../http/rateLimits/limiterFactory.js';
import { attachRealtime } from '../realtime/attachRealtime.js';
import { EventSequencer } from '../realtime/EventSequencer.js';
import { compileFrameValidator } from '../realtime/frameValidator.js';
import { RealtimeHub } from '../realtime/RealtimeHub.js';
import { loadSpec } from '../spec/loadSpec.js';
import { createApp } from './createApp.js';

/** A built, not yet listening, imkit server. */
export interface ImkitServer {
  /** The HTTP server (Koa app plus the realtime upgrade handler). */
  http: http.Server;
  services: Services;
  /** Operations of the spec this server does not implement yet. */
  unimplemented: string[];
  /**
   * Starts listening. Port 0 picks a free port.
   * @returns the base URL, e.g. `http://127.0.0.1:8080`.
   */
  listen(port?: number, host?: string): Promise<string>;
  /** Closes sockets, the HTTP server and the database; acknowledged data is already on disk. */
  close(): Promise<void>;
}

/**
 * Builds the reference server from a configuration: opens and migrates the database,
 * wires the services, the HTTP app and the realtime endpoint.
 * @param overrides fields that replace the defaults of {@link ServerConfig}.
 * @param limiters the store of every rate-limit counter: this process's memory by default;
 *   `redisLimiters(client)` shares the counts between server processes.
 * @throws Error when the database cannot be opened or migrated.
 */
export async function createServer(
  overrides: Partial<ServerConfig> = {},
  logger?: Logger,
  limiters: LimiterFactory = memoryLimiters(),
): Promise<ImkitServer> {
  const config: ServerConfig = { ...defaultConfig, ...overrides };
  const log = logger ?? pino({ level: config.logLevel });
  const spec = loadSpec();
  const db: Database = await openDatabase(config);
  const hub = new RealtimeHub();
  const batcher = new WriteBatcher(db);
  const sequencer = new EventSequencer(await headPosition(db), (event) => hub.deliver(event), log);
  const services: Services = {
    config,
    db,
    logger: log,
    hub,
    revocations: new LocalSessionRevocations(),
    accessTokens: new AccessTokens(resolveJwtSecret(config), config.accessTokenTtlSeconds),
    cursors: new CursorCodec(resolveJwtSecret(config)),
    rateLimits: new RequestLimiter(spec, config, limiters),
    loginThrottle: new LoginThrottle(config, limiters),
    work: (fn) => unitOfWork(batcher, sequencer, fn),
  };
  const { app, unimplemented } = createApp(services, spec);
  const server = http.createServer(app.callback());
  const closeRealtime = attachRealtime(
    server,
    services,
    (token) => authenticateToken(services, token),
    compileFrameValidator(spec),
  );
  const unsubscribe = services.revocations.subscribe(({ sessionId }) => hub.endSession(sessionId));
  return {
    http: server,
    services,
    unimplemented,
    listen: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
          resolve(`http://${shownHost}:${address.port}`);
        });
      }),
    async close() {
      unsubscribe();
      await closeRealtime();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await batcher.idle();
      sequencer.close();
      await db.destroy();
    },
  };
}
