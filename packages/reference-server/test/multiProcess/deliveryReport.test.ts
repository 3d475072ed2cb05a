import { describe, expect, it } from 'vitest';
import type { Acknowledged } from './burst.js';
import type { Receiver, WireEvent } from './clusterClients.js';
import { cleanReport, deliveryReport, missingFor } from './deliveryReport.js';

const conversation = 'c1';
const acked = (ids: string[]): Acknowledged[] =>
  ids.map((id, index) => ({ id, conversationId: conversation, sender: 0, index }));

/** A receiver that saw `frames` (message id, position) on the wire, each delivered by the SDK once. */
function receiverOf(frames: [string, number, number?][], lateResyncs: number[] = []): Receiver {
  const wire: WireEvent[] = frames.map(([messageId, position, socket = 0]) => ({
    socket,
    position,
    type: 'message.created',
    messageId,
  }));
  const delivered = [...new Map(frames.map(([id, position]) => [id, position]))].map(
    ([id, position]) => ({ id, conversationId: conversation, position }),
  );
  return {
    user: { username: 'r' },
    wire,
    delivered,
    lateResyncs,
    socketUrls: [],
    reconnects: 0,
  } as unknown as Receiver;
}

const report = (receiver: Receiver, sent: Acknowledged[]) =>
  deliveryReport(
    receiver,
    sent,
    new Set([conversation]),
    missingFor(receiver, sent, new Set([conversation])),
  );

describe('the multi-process delivery report', () => {
  it('is clean when every acknowledged message came once, in order, positions growing across sockets', () => {
    const r = report(
      receiverOf([
        ['a', 1],
        ['b', 5],
        ['c', 6, 1],
      ]),
      acked(['a', 'b', 'c']),
    );
    expect(r).toEqual(cleanReport(r));
  });

  it('reports a missing message, a duplicate on the wire and a position that went back', () => {
    const r = report(
      receiverOf([
        ['a', 1],
        ['c', 6],
        ['c', 6, 1],
      ]),
      acked(['a', 'b', 'c']),
    );
    expect(r.missing).toEqual({ count: 1, first: [acked(['a', 'b'])[1]] });
    expect(r.duplicated).toEqual({ count: 1, first: [{ id: 'c', positions: [6, 6] }] });
    expect(r.positionRegressions).toEqual([{ socket: 1, position: 6, after: 6 }]);
    expect(r).not.toEqual(cleanReport(r));
  });

  it('reports deliveries out of acknowledgement order, unacknowledged deliveries and late resyncs', () => {
    const r = report(
      receiverOf(
        [
          ['b', 2],
          ['a', 3],
          ['x', 4],
        ],
        [9],
      ),
      acked(['a', 'b']),
    );
    expect(r.outOfOrder).toEqual([conversation]);
    expect(r.unexpected).toEqual(['x']);
    expect(r.lateResyncs).toEqual([9]);
  });
});
