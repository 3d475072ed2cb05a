import type { CommittedEvent } from '../domain/events.js';

/**
 * A committed event as the bytes of its `event` frame (`RealtimeEventFrame`, operation
 * `connectRealtime`): serialised once and shared by every socket it is pushed to, so fanning
 * an event out to many sockets costs one `JSON.stringify` and no per-socket encoding.
 */
export class EventFrame {
  /** The frame as UTF-8 JSON, sent as a text message. */
  readonly data: Buffer;

  /**
   * @param position the event's stream position.
   * @param event the event as stored.
   */
  constructor(
    readonly position: number,
    event: CommittedEvent['event'],
  ) {
    this.data = Buffer.from(JSON.stringify({ type: 'event', position, event }));
  }
}
