import type { TokenStore, Tokens } from '@imkit/sdk';
import type { SessionFile } from './sessionFile.js';

/**
 * The SDK's {@link TokenStore} backed by the session file of one server, so tokens the SDK
 * refreshes persist for the next command. `load()` reads the file every time: another `imkit`
 * process may have rotated the tokens meanwhile. Saving null deletes the session.
 */
export class SessionTokenStore implements TokenStore {
  constructor(
    private readonly file: SessionFile,
    /** Normalized URL of the server these tokens belong to. */
    readonly server: string,
  ) {}

  async load(): Promise<Tokens | null> {
    const session = await this.file.read();
    return session && session.server === this.server ? session.tokens : null;
  }

  async save(tokens: Tokens | null): Promise<void> {
    if (!tokens) {
      await this.file.clear();
      return;
    }
    const current = await this.file.read();
    const sameUser = current?.server === this.server && current.tokens.user_id === tokens.user_id;
    await this.file.write({
      server: this.server,
      username: sameUser ? current.username : null,
      tokens,
    });
  }

  /** Records the username of the account whose tokens are stored. */
  async setUsername(username: string): Promise<void> {
    const current = await this.file.read();
    if (!current || current.server !== this.server) return;
    await this.file.write({ ...current, username });
  }
}
