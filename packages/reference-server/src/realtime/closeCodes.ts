import { ApiError } from '../http/ApiError.js';

/**
 * WebSocket close codes of the realtime socket (RFC 6455 §7.4; 4000-4999 are the
 * application's), as the `connectRealtime` operation documents them. 1009 (frame too big)
 * is sent by `ws` itself.
 */
export const CloseCode = {
  /** No valid `auth` within 10 s, an invalid token, or a `reauth` for another user or session. */
  unauthenticated: 4401,
  /** The session was revoked (logout, refresh-token reuse, password change). */
  sessionRevoked: 4403,
  /** The access token expired and no `reauth` renewed it. */
  tokenExpired: 4408,
  /** The socket's frame budget ran out. */
  rateLimited: 4429,
  /** The socket stopped reading and too much unsent data piled up. */
  slowConsumer: 4503,
  /** This server process is shutting down (RFC 6455 "service restart"): reconnect elsewhere. */
  serviceRestart: 1012,
} as const;

/** Frames one invalid frame costs from the socket's budget. */
export const INVALID_FRAME_COST = 10;
/** Frames one `resume` costs from the socket's budget (it makes the server replay a backlog). */
export const RESUME_FRAME_COST = 10;

/** The problem a socket is told about just before it is closed with {@link CloseCode}. */
export const closingProblems = {
  unauthenticated: (detail: string) => new ApiError(401, 'realtime.unauthenticated', detail),
  sessionRevoked: () =>
    new ApiError(
      401,
      'auth.session_revoked',
      'This session was logged out or revoked; log in again.',
    ),
  tokenExpired: () =>
    new ApiError(
      401,
      'auth.token_expired',
      'The access token expired; send reauth with a fresh token before it does.',
    ),
  rateLimited: () =>
    new ApiError(
      429,
      'realtime.rate_limited',
      'This socket sent more frames than its budget allows.',
    ),
};

/**
 * The close code for a token a `reauth` brought that failed verification: 4403 for a revoked
 * session, 4408 for an expired token, 4401 otherwise.
 */
export function closeCodeForRefusedToken(error: ApiError): number {
  if (error.code === 'auth.session_revoked') return CloseCode.sessionRevoked;
  if (error.code === 'auth.token_expired') return CloseCode.tokenExpired;
  return CloseCode.unauthenticated;
}
