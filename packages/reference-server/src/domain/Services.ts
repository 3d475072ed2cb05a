import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { AccessTokens } from '../auth/accessTokens.js';
import type { SessionRevocations } from '../auth/SessionRevocations.js';
import type { PresenceDirectory } from '../cluster/PresenceDirectory.js';
import type { ServerConfig } from '../config/ServerConfig.js';
import type { DatabaseSchema } from '../db/DatabaseSchema.js';
import type { Database } from '../db/openDatabase.js';
import type { FileStore } from '../files/FileStore.js';
import type { LoginThrottle } from '../http/LoginThrottle.js';
import type { RequestLimiter } from '../http/RequestLimiter.js';
import type { Mailer } from '../mail/Mailer.js';
import type { RealtimeHub } from '../realtime/RealtimeHub.js';
import type { TypingRelay } from '../realtime/TypingRelay.js';
import type { CursorCodec } from './cursors.js';
import type { Emit } from './unitOfWork.js';

/** Everything the domain and handlers depend on, built once by the server factory. */
export interface Services {
  config: ServerConfig;
  db: Database;
  logger: Logger;
  accessTokens: AccessTokens;
  hub: RealtimeHub;
  /** Where revoked sessions are announced, so every process closes their sockets. */
  revocations: SessionRevocations;
  /** Who is online, on any server process (`presence` of friends), and when users were last seen. */
  presence: PresenceDirectory;
  /** Relays the realtime `typing` frames to the other members, on every server process. */
  typing: TypingRelay;
  /** Signs and checks the pagination cursors of every list. */
  cursors: CursorCodec;
  /** Every operation's rate limit, and the budget of failed authentications per address. */
  rateLimits: RequestLimiter;
  /** The throttle of failed logins (operation `login`). */
  loginThrottle: LoginThrottle;
  /** Where uploaded files are stored (`uploadFile`, `downloadFile`). */
  files: FileStore;
  /** Sends the mail of email codes (`sendEmailCode`). */
  mailer: Mailer;
  /**
   * The state of the Redis connection shared with other server processes, for `getHealth`;
   * undefined when no Redis is configured (one process).
   */
  redisState?: () => 'up' | 'down';
  /**
   * Runs a unit of work in a group-committed transaction and publishes its events after that
   * commit (see `unitOfWork` and `WriteBatcher`); resolves only once the unit is durable.
   */
  work<T>(
    fn: (trx: Transaction<DatabaseSchema>, emit: Emit) => Promise<T>,
    /** The conversation (or other row) the unit locks first: units run in this order. */
    lockKey?: string,
  ): Promise<T>;
}
