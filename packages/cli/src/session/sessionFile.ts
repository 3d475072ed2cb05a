import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isSession, type Session } from './session.js';

/** File name of the session inside the config dir. */
export const SESSION_FILE_NAME = 'session.json';

/** Owner-only permissions: the file holds credentials. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * The session file `<configDir>/session.json`. Every write replaces the file atomically
 * and leaves it with mode 0600, even when it existed with wider permissions.
 */
export class SessionFile {
  /** Absolute path of the file. */
  readonly path: string;

  constructor(readonly configDir: string) {
    this.path = join(configDir, SESSION_FILE_NAME);
  }

  /** The stored session, or null when there is none (or it is unreadable). */
  async read(): Promise<Session | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      const value: unknown = JSON.parse(text);
      return isSession(value) ? value : null;
    } catch {
      return null;
    }
  }

  /** Replaces the stored session. */
  async write(session: Session): Promise<void> {
    await mkdir(this.configDir, { recursive: true, mode: DIR_MODE });
    const tmp = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, `${JSON.stringify(session, null, 2)}\n`, { mode: FILE_MODE });
      await chmod(tmp, FILE_MODE);
      await rename(tmp, this.path);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    await chmod(this.path, FILE_MODE);
  }

  /** Deletes the stored session; no error when there is none. */
  async clear(): Promise<void> {
    await rm(this.path, { force: true });
  }
}
