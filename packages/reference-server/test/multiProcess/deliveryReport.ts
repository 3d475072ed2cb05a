import type { Acknowledged } from './burst.js';
import type { Receiver } from './clusterClients.js';

/**
 * What one receiver got, compared with what the servers acknowledged in its conversations.
 * A clean report has every list empty and `delivered` equal to `acknowledged`.
 */
export interface DeliveryReport {
  receiver: string;
  /** Acknowledged messages of the receiver's conversations. */
  acknowledged: number;
  /** `message.created` events the SDK delivered. */
  delivered: number;
  /** Acknowledged but not delivered (as of {@link waitForDeliveries}'s deadline): how many, and the first few. */
  missing: Sample<Acknowledged>;
  /** Message ids that came more than once on the wire (counted before the SDK's filter), with their positions. */
  duplicated: Sample<{ id: string; positions: number[] }>;
  /** Delivered, but never acknowledged to a sender. */
  unexpected: string[];
  /** Conversations whose deliveries are not in acknowledgement order. */
  outOfOrder: string[];
  /** Event frames whose position was not above the one before (the stream must only grow). */
  positionRegressions: { socket: number; position: number; after: number }[];
  /** `resync` signals after the first `hello`: events were skipped. */
  lateResyncs: number[];
}

/** How many items a list had, and its first five (a failure message stays readable). */
export interface Sample<T> {
  count: number;
  first: T[];
}

/** The {@link Sample} of `items`. */
function sample<T>(items: T[]): Sample<T> {
  return { count: items.length, first: items.slice(0, 5) };
}

/** The acknowledged messages of `conversations`, in acknowledgement order. */
function expectedFor(acknowledged: Acknowledged[], conversations: Set<string>): Acknowledged[] {
  return acknowledged.filter((message) => conversations.has(message.conversationId));
}

/** Acknowledged messages of `conversations` the receiver has not been delivered yet. */
export function missingFor(
  receiver: Receiver,
  acknowledged: Acknowledged[],
  conversations: Set<string>,
): Acknowledged[] {
  const delivered = new Set(receiver.delivered.map((message) => message.id));
  return expectedFor(acknowledged, conversations).filter((message) => !delivered.has(message.id));
}

/**
 * Waits until every receiver was delivered every acknowledged message of its conversations,
 * or `timeoutMs` ms passed.
 * @returns what each receiver still missed at that point (empty lists when all arrived).
 */
export async function waitForDeliveries(
  receivers: { receiver: Receiver; conversations: Set<string> }[],
  acknowledged: Acknowledged[],
  timeoutMs: number,
): Promise<Map<Receiver, Acknowledged[]>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const missing = new Map(
      receivers.map(({ receiver, conversations }) => [
        receiver,
        missingFor(receiver, acknowledged, conversations),
      ]),
    );
    const complete = [...missing.values()].every((list) => list.length === 0);
    if (complete || Date.now() > deadline) return missing;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Positions on the wire that did not grow, across every socket of the receiver in arrival order. */
function positionRegressions(receiver: Receiver): DeliveryReport['positionRegressions'] {
  const regressions: DeliveryReport['positionRegressions'] = [];
  let last = -Infinity;
  for (const frame of receiver.wire) {
    // A new socket resumes after the last processed position: the stream still only grows.
    if (frame.position <= last)
      regressions.push({ socket: frame.socket, position: frame.position, after: last });
    last = Math.max(last, frame.position);
  }
  return regressions;
}

/** Message ids seen more than once on the wire. */
function duplicates(receiver: Receiver): { id: string; positions: number[] }[] {
  const positions = new Map<string, number[]>();
  for (const frame of receiver.wire) {
    if (!frame.messageId) continue;
    positions.set(frame.messageId, [...(positions.get(frame.messageId) ?? []), frame.position]);
  }
  return [...positions]
    .filter(([, seen]) => seen.length > 1)
    .map(([id, seen]) => ({ id, positions: seen }));
}

/**
 * Compares what `receiver` got with the acknowledged messages of `conversations`.
 * @param missing what {@link waitForDeliveries} reported missing for it at its deadline.
 */
export function deliveryReport(
  receiver: Receiver,
  acknowledged: Acknowledged[],
  conversations: Set<string>,
  missing: Acknowledged[],
): DeliveryReport {
  const expected = expectedFor(acknowledged, conversations);
  const expectedIds = new Set(expected.map((message) => message.id));
  const delivered = receiver.delivered.filter((message) =>
    conversations.has(message.conversationId),
  );
  const deliveredIds = new Set(delivered.map((message) => message.id));
  // Order only: a missing message is reported as missing, not also as out of order.
  const outOfOrder = [...conversations].filter((conversation) => {
    const inConversation = (message: { conversationId: string }) =>
      message.conversationId === conversation;
    const sent = expected.filter((m) => inConversation(m) && deliveredIds.has(m.id));
    const got = delivered.filter((m) => inConversation(m) && expectedIds.has(m.id));
    return sent.map((m) => m.id).join() !== got.map((m) => m.id).join();
  });
  return {
    receiver: receiver.user.username,
    acknowledged: expected.length,
    delivered: delivered.length,
    missing: sample(missing),
    duplicated: sample(duplicates(receiver)),
    unexpected: delivered.filter((message) => !expectedIds.has(message.id)).map((m) => m.id),
    outOfOrder,
    positionRegressions: positionRegressions(receiver),
    lateResyncs: receiver.lateResyncs,
  };
}

/** The report a receiver that lost nothing and saw nothing twice has. */
export function cleanReport(report: DeliveryReport): DeliveryReport {
  return {
    ...report,
    delivered: report.acknowledged,
    missing: { count: 0, first: [] },
    duplicated: { count: 0, first: [] },
    unexpected: [],
    outOfOrder: [],
    positionRegressions: [],
    lateResyncs: [],
  };
}
