/** The authenticated caller of a request or realtime connection. */
export interface AuthContext {
  userId: string;
  sessionId: string;
}
