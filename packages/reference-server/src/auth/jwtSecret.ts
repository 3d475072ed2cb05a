import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from '../config/ServerConfig.js';

/**
 * The access-token secret: `IMKIT_JWT_SECRET` when set; otherwise one generated on first
 * start and kept in `<dataDir>/jwt-secret` (mode 0600) so sessions survive a restart.
 * An in-memory database gets a fresh random secret.
 * @throws Error when PostgreSQL is configured without `IMKIT_JWT_SECRET` (processes would
 *   each generate their own and refuse each other's tokens).
 */
export function resolveJwtSecret(config: ServerConfig): string {
  if (config.jwtSecret) return config.jwtSecret;
  if (config.databaseUrl) {
    throw new Error(
      'IMKIT_JWT_SECRET must be set with IMKIT_DATABASE_URL: every server process must sign tokens with the same secret',
    );
  }
  if (config.databaseFile === ':memory:') return randomBytes(32).toString('base64url');
  const file = path.join(config.dataDir, 'jwt-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return fs.readFileSync(file, 'utf8').trim();
  }
}
