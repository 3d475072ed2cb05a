import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiError } from '../http/ApiError.js';
import type { AuthContext } from './AuthContext.js';

const ISSUER = 'imkit';
const ALGORITHM = 'HS256';

/** The HMAC-SHA-256 key of `secret`, imported once (jose would import raw bytes on every call). */
function importKey(secret: string): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

/** Signs and verifies access tokens: HS256 JWTs (RFC 7519) carrying the user and session. */
export class AccessTokens {
  private readonly key: Promise<webcrypto.CryptoKey>;

  /**
   * @param secret HMAC secret, at least 32 bytes of entropy.
   * @param ttlSeconds token lifetime in seconds (900 by default in the config).
   */
  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = importKey(secret);
  }

  /** Issues a token for the caller; returns the compact JWT. */
  async sign(auth: AuthContext): Promise<string> {
    return new SignJWT({ sid: auth.sessionId })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(auth.userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(await this.key);
  }

  /**
   * Verifies signature, issuer and expiry.
   * @throws ApiError 401 `auth.token_expired` or `auth.token_invalid`.
   */
  async verify(token: string): Promise<AuthContext> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        issuer: ISSUER,
        algorithms: [ALGORITHM],
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw new ApiError(401, 'auth.token_invalid', 'The access token is missing its claims.');
      }
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof errors.JWTExpired) {
        throw new ApiError(401, 'auth.token_expired', 'The access token expired; refresh it.');
      }
      throw new ApiError(401, 'auth.token_invalid', 'The access token is not valid.', {
        cause: error,
      });
    }
  }
}
