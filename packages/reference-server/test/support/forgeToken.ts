import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './testServer.js';

/** The session id (`sid` claim) inside an access token issued by the server. */
export function sessionIdOf(accessToken: string): string {
  const [, payload] = accessToken.split('.');
  return (JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sid: string }).sid;
}

/**
 * Signs an access token the way the server does, with chosen claims.
 * @param options.expiresAt expiry in epoch seconds; `secret` defaults to the test server's.
 */
export function forgeAccessToken(options: {
  userId: string;
  sessionId: string;
  expiresAt: number;
  secret?: string;
}): Promise<string> {
  return new SignJWT({ sid: options.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.userId)
    .setIssuer('imkit')
    .setIssuedAt(options.expiresAt - 900)
    .setExpirationTime(options.expiresAt)
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}
