import { describe, expect, it, vi } from 'vitest';
import type { Services } from '../domain/Services.js';
import { DeliveryQueue } from './DeliveryQueue.js';
import { EventFrame } from './EventFrame.js';
import type { FrameSender } from './FrameSender.js';

vi.mock('../domain/events.js', () => ({ headPosition: async () => 5 }));

/** A frame sender that records what it sent, as parsed frames. */
function recorder() {
  const sent: { type: string; position?: number }[] = [];
  const out = {
    open: true,
    send: (frame: { type: string }) => sent.push(frame),
    sendError: () => sent.push({ type: 'error' }),
    sendBytes: (data: Buffer) => sent.push(JSON.parse(String(data))),
  };
  return { sent, out: out as unknown as FrameSender };
}

const services = { config: {} } as Services;
const live = (position: number) =>
  new EventFrame(position, JSON.stringify({ type: 'presence.updated', data: {} }));
const hello = { user_id: 'u', heartbeat_interval_ms: 1000, access_expires_in_ms: 1000 };

describe('DeliveryQueue', () => {
  it('holds live events pushed before start behind hello, then sends each position once, in order', async () => {
    const { sent, out } = recorder();
    const queue = new DeliveryQueue(out, services, 'u');
    queue.pushLive(live(5));
    queue.pushLive(live(6));
    expect(sent).toEqual([]);
    queue.start(hello);
    queue.pushLive(live(7));
    await vi.waitFor(() => expect(sent.length).toBe(4));
    queue.pushLive(live(7));
    queue.pushLive(live(8));
    expect(sent.map((f) => [f.type, f.position])).toEqual([
      ['hello', undefined],
      ['error', undefined],
      ['event', 6],
      ['event', 7],
      ['event', 8],
    ]);
  });

  it('sends a live event at once when nothing is queued', async () => {
    const { sent, out } = recorder();
    const queue = new DeliveryQueue(out, services, 'u');
    queue.start(hello);
    await vi.waitFor(() => expect(sent.length).toBe(2));
    queue.pushLive(live(9));
    expect(sent.at(-1)).toEqual({
      type: 'event',
      position: 9,
      event: { type: 'presence.updated', data: {} },
    });
  });
});
