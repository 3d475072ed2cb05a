import type { Database } from '../db/openDatabase.js';
import { toUserRef, userColumns } from '../domain/userViews.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import type { EphemeralSender } from './ephemeral.js';
import { ephemeralAudience } from './ephemeralAudience.js';
import { TypingThrottle } from './TypingThrottle.js';

type TypingFrame = Schema<'RealtimeTypingFrame'>;

/**
 * Relays `typing` frames (operation `connectRealtime`, `RealtimeTypingFrame`) as `typing`
 * ephemeral events to the other current members of the conversation, on every server process:
 * never stored, never replayed. What is worth relaying is decided by a {@link TypingThrottle}
 * first (dropped frames cost no query); then the sender must be a current member, and members
 * with a block between them and the sender are left out.
 */
export class TypingRelay {
  private readonly throttle: TypingThrottle;

  /**
   * @param db where memberships, blocks and the sender's profile are read.
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
   * Relays one typing frame from `userId`, or drops it silently (throttled).
   * @throws ApiError 404 `conversation.not_found` when `userId` is not a current member of the
   *   conversation (or it does not exist; the two are not told apart).
   */
  async relay(userId: string, frame: TypingFrame): Promise<void> {
    const conversationId = frame.conversation_id;
    if (!this.throttle.admit(userId, conversationId, frame.state)) return;
    const [members, sender] = await Promise.all([
      this.db
        .selectFrom('conversation_members')
        .select('user_id')
        .where('conversation_id', '=', conversationId)
        .where('left_position', 'is', null)
        .execute(),
      this.db.selectFrom('users').select(userColumns).where('id', '=', userId).executeTakeFirst(),
    ]);
    const memberIds = members.map((row) => row.user_id);
    if (!sender || !memberIds.includes(userId)) {
      throw new ApiError(
        404,
        'conversation.not_found',
        'No such conversation, or you are not a member: typing is not relayed.',
      );
    }
    const audience = await ephemeralAudience(this.db, userId, memberIds);
    if (audience.length === 0) return;
    this.send(audience, {
      type: 'typing',
      data: { conversation_id: conversationId, user: toUserRef(sender), state: frame.state },
    });
  }
}
