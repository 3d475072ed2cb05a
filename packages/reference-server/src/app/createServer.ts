import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { startAccountPurge } from '../accounts/accountPurge.js';
import { AccessTokens } from '../auth/accessTokens.js';
import { authenticateToken } from '../auth/authenticateRequest.js';
import { resolveJwtSecret } from '../auth/jwtSecret.js';
import { defaultConfig } from '../config/loadConfig.js';
import type { ServerConfig } from '../config/ServerConfig.js';
import { isRetryableTransactionError, isUniqueViolation } from '../db/dialect.js';
import { type Database, openDatabase } from '../db/openDatabase.js';
import { WriteBatcher } from '../db/WriteBatcher.js';
import { CursorCodec } from '../domain/cursors.js';
import { committedEventsFrom, headPosition } from '../domain/events.js';
import type { Services } from '../domain/Services.js';
import { type EventBatcher, eventOutbox, unitOfWork } from '../domain/unitOfWork.js';
import { createFileStore } from '../files/FileStore.js';
import { startFileSweep } from '../files/fileSweep.js';
import { LoginThrottle } from '../http/LoginThrottle.js';
import { RequestLimiter } from '../http/RequestLimiter.js';
import type { LimiterFactory } from '../http/rateLimits/limiterFactory.js';
import { createMailer } from '../mail/Mailer.js';
import { attachRealtime } from '../realtime/attachRealtime.js';
import { EventSequencer } from '../realtime/EventSequencer.js';
import type { EphemeralSender } from '../realtime/ephemeral.js';
import { compileFrameValidator } from '../realtime/frameValidator.js';
import { PresenceNotices } from '../realtime/PresenceNotices.js';
import { RealtimeHub } from '../realtime/RealtimeHub.js';
import { StreamFollower } from '../realtime/StreamFollower.js';
import { TypingRelay } from '../realtime/TypingRelay.js';
import { loadSpec } from '../spec/loadSpec.js';
import { connectCluster } from './clusterLinks.js';
import { createApp } from './createApp.js';

/**
 * How often a process on a shared database reads the event stream for events other processes
 * committed that did not reach it over Redis (Redis down or restarting), in ms.
 */
const STREAM_POLL_INTERVAL_MS = 500;

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
  /**
   * Closes every realtime socket with 1012 (service restart) so clients reconnect to another
   * process; `close()` awaits the same promise.
   */
  closeRealtime(): Promise<void>;
  /** Closes sockets, the HTTP server and the database; acknowledged data is already on disk. */
  close(): Promise<void>;
}

/**
 * Builds the reference server from a configuration: opens and migrates the database,
 * wires the services, the HTTP app and the realtime endpoint.
 * @param overrides fields that replace the defaults of {@link ServerConfig}.
 * @param limiters the store of every rate-limit counter, instead of the default: this process's
 *   memory, or Redis when `redisUrl` is set (see `connectCluster`).
 * @throws Error when the database cannot be opened or migrated.
 */
export async function createServer(
  overrides: Partial<ServerConfig> = {},
  logger?: Logger,
  limiters?: LimiterFactory,
): Promise<ImkitServer> {
  const config: ServerConfig = { ...defaultConfig, ...overrides };
  const log = logger ?? pino({ level: config.logLevel });
  const spec = loadSpec();
  const db: Database = await openDatabase(config);
  const hub = new RealtimeHub();
  const cluster = await connectCluster(config, log, hub, limiters);
  // Other processes write to a shared database: their events are read back to fill gaps.
  const shared = config.databaseUrl !== undefined;
  let follower: StreamFollower | undefined;
  const sequencer = new EventSequencer(
    await headPosition(db),
    (event) => hub.deliver(event),
    log,
    () => void follower?.catchUp(),
  );
  if (shared) {
    follower = new StreamFollower(
      sequencer,
      (from, limit) => committedEventsFrom(db, from, limit),
      log,
      STREAM_POLL_INTERVAL_MS,
    );
  }
  const batcher: EventBatcher = new WriteBatcher(db, {
    outbox: eventOutbox((events) => {
      sequencer.publish(events);
      cluster.publishEvents(events);
    }),
    retryBatch: isRetryableTransactionError,
    retryUnit: isUniqueViolation,
  });
  cluster.followEvents(
    (events) => sequencer.publish(events),
    () => void follower?.catchUp(),
  );
  // Typing and presence: to this process's sockets, and to the other processes' through Redis.
  const sendEphemeral: EphemeralSender = (audience, event) => {
    hub.deliverEphemeral(audience, event);
    cluster.publishEphemeral(audience, event);
  };
  cluster.followEphemeral((audience, event) => hub.deliverEphemeral(audience, event));
  const presenceNotices = new PresenceNotices({
    db,
    logger: log,
    hub,
    presence: cluster.presence,
    send: sendEphemeral,
  });
  const services: Services = {
    config,
    db,
    logger: log,
    hub,
    revocations: cluster.revocations,
    presence: cluster.presence,
    typing: new TypingRelay(db, sendEphemeral),
    redisState: cluster.redisState,
    accessTokens: new AccessTokens(resolveJwtSecret(config), config.accessTokenTtlSeconds),
    cursors: new CursorCodec(resolveJwtSecret(config)),
    rateLimits: new RequestLimiter(spec, config, cluster.limiters),
    loginThrottle: new LoginThrottle(config, cluster.limiters),
    files: createFileStore(config),
    mailer: createMailer(config, log),
    work: (fn, lockKey) => unitOfWork(batcher, fn, lockKey),
  };
  const { app, unimplemented } = createApp(services, spec);
  const server = http.createServer(app.callback());
  const closeSockets = attachRealtime(
    server,
    services,
    (token) => authenticateToken(services, token),
    compileFrameValidator(spec),
  );
  // Shutting down is not going offline: the clients reconnect to another process.
  const closeRealtime = async () => {
    await presenceNotices.close();
    await closeSockets();
  };
  const unsubscribe = services.revocations.subscribe(({ sessionId }) => hub.endSession(sessionId));
  const stopSweeps = [startFileSweep(services), startAccountPurge(services)];
  return {
    http: server,
    services,
    unimplemented,
    closeRealtime,
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
      for (const stop of stopSweeps) stop();
      await closeRealtime();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await batcher.idle();
      await follower?.close();
      sequencer.close();
      await cluster.close();
      services.mailer.close();
      await db.destroy();
    },
  };
}
