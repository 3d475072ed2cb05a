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
   * @param payload the event's JSON as stored (`CommittedEvent.payload`).
   */
  constructor(
    readonly position: number,
    payload: string,
  ) {
    this.data = Buffer.from(`{"type":"event","position":${position},"event":${payload}}`);
  }
}
