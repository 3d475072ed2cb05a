import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { ApiError } from '../http/ApiError.js';
import type { AuthContext } from './AuthContext.js';
import { VerifiedTokenCache } from './VerifiedTokenCache.js';

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

const tokenExpired = () =>
  new ApiError(401, 'auth.token_expired', 'The access token expired; refresh it.');

/** Signs and verifies access tokens: HS256 JWTs (RFC 7519) carrying the user and session. */
export class AccessTokens {
  private readonly key: Promise<webcrypto.CryptoKey>;
  private readonly verified = new VerifiedTokenCache();

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
   * Verifies signature, issuer and expiry; a token verified before is only checked for expiry
   * again (see {@link VerifiedTokenCache}).
   * @throws ApiError 401 `auth.token_expired` or `auth.token_invalid`.
   */
  async verify(token: string): Promise<AuthContext> {
    const known = this.verified.get(token, Math.floor(Date.now() / 1000));
    if (known === 'expired') throw tokenExpired();
    return known ?? this.verifySignature(token);
  }

  private async verifySignature(token: string): Promise<AuthContext> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        issuer: ISSUER,
        algorithms: [ALGORITHM],
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
        throw new ApiError(401, 'auth.token_invalid', 'The access token is missing its claims.');
      }
      const auth = { userId: payload.sub, sessionId: payload.sid };
      if (typeof payload.exp === 'number') this.verified.set(token, auth, payload.exp);
      return auth;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      if (error instanceof errors.JWTExpired) {
        throw tokenExpired();
      }
      throw new ApiError(401, 'auth.token_invalid', 'The access token is not valid.', {
        cause: error,
      });
    }
  }
}
