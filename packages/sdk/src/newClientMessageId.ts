/**
 * A fresh `client_message_id` for `sendMessage`: a random UUID (v4). Generate it once per
 * message, before the first attempt, and reuse it on every retry so the server stores the
 * message once.
 */
export function newClientMessageId(): string {
  return globalThis.crypto.randomUUID();
}
