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
} as const;

/** Frames one invalid frame costs from the socket's budget. */
export const INVALID_FRAME_COST = 10;
/** Frames one `resume` costs from the socket's budget (it makes the server replay a backlog). */
export const RESUME_FRAME_COST = 10;
