import type { ImkitClient } from '@imkit/sdk';
import type { CliContext } from './context.js';
import { NotLoggedInError } from './errors.js';
import { resolveServerUrl } from './serverUrl.js';
import type { Session } from './session/session.js';
import { SessionTokenStore } from './session/sessionTokenStore.js';

/** The global options every command inherits. */
export interface GlobalOptions {
  server?: string;
}

/** A client for the resolved server, with the session stored for it (if any). */
export interface Connection {
  server: string;
  client: ImkitClient;
  store: SessionTokenStore;
  /** The stored session of this server; null when logged out. */
  session: Session | null;
}

/** A {@link Connection} that has a session. */
export interface LoggedInConnection extends Connection {
  session: Session;
}

/** Resolves the server and builds the client, whose tokens live in the session file. */
export async function connect(ctx: CliContext, globals: GlobalOptions): Promise<Connection> {
  const stored = await ctx.sessionFile.read();
  const server = resolveServerUrl({
    flag: globals.server,
    env: ctx.env.IMKIT_SERVER,
    session: stored?.server,
  });
  ctx.server = server;
  const store = new SessionTokenStore(ctx.sessionFile, server);
  const createClient = await ctx.loadClientFactory();
  const client = createClient({ baseUrl: server, tokenStore: store });
  const session = stored?.server === server ? stored : null;
  return { server, client, store, session };
}

/** Like {@link connect}, but fails with a hint to log in when there is no session. */
export async function connectLoggedIn(
  ctx: CliContext,
  globals: GlobalOptions,
): Promise<LoggedInConnection> {
  const connection = await connect(ctx, globals);
  const { session } = connection;
  if (!session) throw new NotLoggedInError(connection.server);
  return { ...connection, session };
}
