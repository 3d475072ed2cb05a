/** Everything the reference server needs to run, read once at the edge (see {@link loadConfig}). */
export interface ServerConfig {
  /** TCP port for HTTP and the realtime WebSocket. Default: 8080. */
  port: number;
  /** Interface to bind. Default: `0.0.0.0`. */
  host: string;
  /** Folder for the SQLite database and the generated JWT secret. Default: `./data`. */
  dataDir: string;
  /** SQLite file, or `:memory:` for a throwaway database. Default: `<dataDir>/imkit.sqlite`. */
  databaseFile: string;
  /**
   * SQLite `synchronous` pragma in WAL mode. `FULL` (default) survives power loss;
   * `NORMAL` survives a killed process but not a power cut, and is about twice as fast.
   */
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /**
   * PostgreSQL connection URL (`IMKIT_DATABASE_URL`, e.g. `postgres://imkit@db:5432/imkit`).
   * When set, the server stores everything there instead of the SQLite file, so several server
   * processes can share one database. Default: undefined (SQLite).
   */
  databaseUrl: string | undefined;
  /** Connections in the PostgreSQL pool of this process (`IMKIT_DATABASE_POOL_SIZE`). Default: 10. */
  databasePoolSize: number;
  /**
   * Redis URL (`IMKIT_REDIS_URL`, e.g. `redis://cache:6379`). When set, server processes share
   * committed events, session revocations, presence and rate-limit counters through it.
   * Default: undefined (one process, everything in memory).
   */
  redisUrl: string | undefined;
  /**
   * Prefix of every Redis key and channel this server uses (`IMKIT_REDIS_KEY_PREFIX`), so
   * several deployments (or test runs) can share one Redis. Default: `imkit:`.
   */
  redisKeyPrefix: string;
  /**
   * How long a graceful shutdown (SIGTERM) waits for in-flight requests before closing, in ms
   * (`IMKIT_SHUTDOWN_GRACE_MS`). Sockets are closed at once with 1012 so clients reconnect
   * to another process. Default: 10000.
   */
  shutdownGraceMs: number;
  /**
   * HMAC secret for access tokens (`IMKIT_JWT_SECRET`); when undefined one is generated and kept
   * in `dataDir`. Required with PostgreSQL: every process must sign with the same secret.
   */
  jwtSecret: string | undefined;
  /** Access token lifetime in seconds. Default: 900 (15 minutes). */
  accessTokenTtlSeconds: number;
  /** Refresh token lifetime in seconds. Default: 2592000 (30 days). */
  refreshTokenTtlSeconds: number;
  /** Realtime heartbeat interval in ms announced in `hello`. Default: 25000. */
  heartbeatIntervalMs: number;
  /** A resume further behind than this many events gets `realtime.resync_required`. Default: 1000. */
  maxResumeBacklog: number;
  /** Largest realtime frame a client may send, in bytes; larger ones close the socket (1009). Default: 16384. */
  realtimeMaxFrameBytes: number;
  /** Frames a realtime socket may send at once (its frame budget's capacity). Default: 100. */
  realtimeFrameBurst: number;
  /** Frames per second that refill a realtime socket's budget; an empty budget closes it (4429). Default: 50. */
  realtimeFramesPerSecond: number;
  /** Unsent bytes the server buffers for one realtime socket before closing it as a slow consumer (4503). Default: 1048576. */
  realtimeMaxBufferedBytes: number;
  /** Events per batch of a realtime backlog replay; the server yields to other work between batches. Default: 100. */
  realtimeReplayBatchSize: number;
  /** Requests per minute per client (user, or IP when anonymous), on top of each operation's own limit. Default: 1200. */
  rateLimitPerMinute: number;
  /**
   * Multiplies every operation's `x-rate-limit` from the spec (`IMKIT_RATE_LIMIT_SCALE`).
   * Default: 1, the spec as written; tests and load tests raise it.
   */
  rateLimitScale: number;
  /** Failed authentications (invalid or expired tokens) per client address per minute before 429. Default: 60. */
  authFailuresPerMinute: number;
  /** Failed logins per account from one client address per 15 minutes before 429. Default: 10. */
  loginFailuresPer15Min: number;
  /** Failed logins per client address per 24 hours, across accounts, before 429. Default: 100. */
  loginFailuresPerAddressPerDay: number;
  /** Failed logins per account per hour, across addresses, before new addresses get 429. Default: 50. */
  loginFailuresPerAccountPerHour: number;
  /**
   * Trust `X-Forwarded-For` from one reverse proxy in front of the server (`IMKIT_TRUST_PROXY`):
   * the client address is then the last entry that proxy added. Default: false.
   */
  trustProxy: boolean;
  /** Log level for pino (`silent` disables logging). Default: `info`. */
  logLevel: string;
  /**
   * Folder of uploaded files (`IMKIT_FILES_DIR`); several processes must share it (a network
   * volume). Default: `<dataDir>/files`.
   */
  filesDir: string;
  /**
   * The base URL clients reach this server at (`IMKIT_PUBLIC_URL`, e.g. `https://chat.example.com`),
   * used in the file URLs written into messages and answers. Set it in production: without it the
   * base comes from each request's `Host`, which a client chooses. Default: undefined.
   */
  publicUrl: string | undefined;
  /** Largest upload accepted, in bytes (`IMKIT_MAX_UPLOAD_BYTES`). Default: 52428800 (50 MiB). */
  maxUploadBytes: number;
  /**
   * How long an uploaded file that was never sent in a message is kept, in ms, before the sweep
   * removes it. Default: 86400000 (24 hours).
   */
  unsentFileTtlMs: number;
  /**
   * SMTP server for outgoing mail (`IMKIT_SMTP_URL`, `smtp://user:pass@host:port`, `smtps://` for
   * TLS). When undefined, each mail is written as an `.eml` file under `<dataDir>/outbox`.
   */
  smtpUrl: string | undefined;
  /** The `From` of outgoing mail (`IMKIT_MAIL_FROM`). Default: `imkit <no-reply@imkit.localhost>`. */
  mailFrom: string;
}
