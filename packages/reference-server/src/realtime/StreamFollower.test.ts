import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { CommittedEvent } from '../domain/events.js';
import { EventSequencer } from './EventSequencer.js';
import { StreamFollower } from './StreamFollower.js';

const silent = pino({ level: 'silent' });
const event = (position: number): CommittedEvent => ({ position, payload: '{}', audience: [] });

/** A stream of `head` committed events, read in pages as the database would answer. */
function storedStream(head: number) {
  const reads: { from: number; limit: number }[] = [];
  const read = async (from: number, limit: number) => {
    reads.push({ from, limit });
    const events: CommittedEvent[] = [];
    for (let p = from; p <= head && events.length < limit; p++) events.push(event(p));
    return events;
  };
  return { read, reads };
}

describe('StreamFollower', () => {
  it('reads everything committed after the sequencer position, page by page, into the sequencer', async () => {
    const delivered: number[] = [];
    const sequencer = new EventSequencer(100, (e) => delivered.push(e.position), silent);
    const { read, reads } = storedStream(1300);
    const follower = new StreamFollower(sequencer, read, silent, 0);
    await follower.catchUp();
    expect(delivered).toHaveLength(1200);
    expect(delivered[0]).toBe(101);
    expect(delivered.at(-1)).toBe(1300);
    expect(reads.map((r) => r.from)).toEqual([101, 601, 1101]);
    await follower.close();
  });

  it('runs one read at a time, and one more for requests made during it', async () => {
    const sequencer = new EventSequencer(0, () => {}, silent);
    const { read, reads } = storedStream(3);
    const follower = new StreamFollower(sequencer, read, silent, 0);
    await Promise.all([follower.catchUp(), follower.catchUp(), follower.catchUp()]);
    await follower.close();
    // The first read, then one more for the two requests made while it ran.
    expect(reads.map((r) => r.from)).toEqual([1, 4]);
    expect(sequencer.nextPosition).toBe(4);
  });

  it('keeps going after a failed read, and polls without being asked', async () => {
    const sequencer = new EventSequencer(0, () => {}, silent);
    let fail = true;
    const read = async (from: number) => {
      if (fail) {
        fail = false;
        throw new Error('database down');
      }
      return from === 1 ? [event(1)] : [];
    };
    const follower = new StreamFollower(sequencer, read, silent, 10);
    await follower.catchUp();
    expect(sequencer.nextPosition).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sequencer.nextPosition).toBe(2);
    await follower.close();
  });
});
