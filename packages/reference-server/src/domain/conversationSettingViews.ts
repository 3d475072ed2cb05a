import type { Schema } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import type { MemberSettings, Membership } from './membership.js';

/**
 * True while the member's mute is in force at `now` (ISO 8601): muted until unmuted, or a timed
 * mute that has not ended. A timed mute that ended is no mute, without any write.
 */
export function isConversationMuted(settings: MemberSettings, now: string): boolean {
  return settings.muted === 1 && (settings.muted_until === null || settings.muted_until > now);
}

/**
 * The member's settings as the API shows them: in `ConversationSettings`, and the same fields in
 * `Conversation`. A timed mute that ended reads as not muted.
 * @param now ISO 8601, the time to judge a timed mute by.
 */
export function settingsFields(settings: MemberSettings, now: string) {
  const muted = isConversationMuted(settings, now);
  return {
    pinned: settings.pinned === 1,
    muted,
    muted_until: muted ? settings.muted_until : null,
    marked_unread: settings.marked_unread === 1,
  };
}

/** `ConversationSettings` of a membership: the caller's settings, as of now. */
export function toConversationSettings(m: Membership): Schema<'ConversationSettings'> {
  return {
    conversation_id: m.id,
    ...settingsFields(m, nowIso()),
    updated_at: m.settings_updated_at ?? m.joined_at,
  };
}
