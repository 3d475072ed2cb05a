import type { Database } from '../db/openDatabase.js';
import { loadSendContext } from '../domain/sendContext.js';
import { toUserRef } from '../domain/userViews.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import type { EphemeralSender } from './ephemeral.js';
import { ephemeralAudience } from './ephemeralAudience.js';
import { TypingThrottle } from './TypingThrottle.js';

type TypingFrame = Schema<'RealtimeTypingFrame'>;

/**
 * Relays `typing` frames (operation `connectRealtime`, `RealtimeTypingFrame`) as `typing`
 * ephemeral events to the other members of the conversation, on every server process: never
 * stored, never replayed. What is worth relaying is decided by a {@link TypingThrottle} first,
 * as frames arrive ({@link TypingRelay.admit}; dropped frames cost no query). Then the sender must be a member (else
 * `conversation.not_found`) who may send there now, by the rules of `sendMessage`
 * (`loadSendContext`): typing where a message would be refused (no longer friends, blocked by
 * the peer, left or removed from the group, muted, group dismissed) is dropped silently.
 * Members with a block between them and the sender, either way, are left out.
 */
export class TypingRelay {
  private readonly throttle: TypingThrottle;

  /**
   * @param db where the conversation, its members and blocks are read (no write).
   * @param send delivers the event to the audience's sockets on every process.
   * @param throttle decides which frames are relayed (tests pass one with a fake clock).
   */
  constructor(
    private readonly db: Database,
    private readonly send: EphemeralSender,
    throttle?: TypingThrottle,
  ) {
    this.throttle = throttle ?? new TypingThrottle();
  }

  /**
   * True when a typing frame from `userId`, just received, is worth relaying (then
   * {@link relay} it); false to drop it silently. Synchronous, so the throttle counts time
   * from when frames arrive, not from when an earlier relay finished.
   */
  admit(userId: string, frame: TypingFrame): boolean {
    return this.throttle.admit(userId, frame.conversation_id, frame.state);
  }

  /**
   * Relays one admitted typing frame from `userId`, or drops it silently when the sender may
   * not send in this conversation now.
   * @throws ApiError 404 `conversation.not_found` when `userId` is not a member of the
   *   conversation (or it does not exist; the two are not told apart).
   */
  async relay(userId: string, frame: TypingFrame): Promise<void> {
    const conversationId = frame.conversation_id;
    let context: Awaited<ReturnType<typeof loadSendContext>>;
    try {
      // Reads only: the send's own checks, outside any transaction (no client message id).
      context = await loadSendContext(this.db, userId, conversationId, '');
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.code === 'user.not_found')) {
        return;
      }
      throw error;
    }
    const audience = await ephemeralAudience(this.db, userId, context.audience);
    if (audience.length === 0) return;
    this.send(audience, {
      type: 'typing',
      data: {
        conversation_id: conversationId,
        user: toUserRef(context.sender),
        state: frame.state,
      },
    });
  }
}
