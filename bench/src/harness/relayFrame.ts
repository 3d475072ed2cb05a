/** A frame shaped like imkit's `event` frame, padded to `bytes`. */
export function relayFrame(id: string, bytes: number): string {
  const frame = (pad: string) =>
    JSON.stringify({
      type: 'event',
      position: 1,
      event: { type: 'message.created', data: { client_message_id: id, pad } },
    });
  return frame('x'.repeat(Math.max(0, bytes - Buffer.byteLength(frame('')))));
}
