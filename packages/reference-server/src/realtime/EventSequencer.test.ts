import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommittedEvent } from '../domain/events.js';
import { EventSequencer } from './EventSequencer.js';

const event = (position: number): CommittedEvent => ({
  position,
  payload: `{"n":${position}}`,
  audience: ['u'],
});

afterEach(() => {
  vi.useRealTimers();
});

describe('EventSequencer', () => {
  it('delivers in position order whatever the arrival order, and each position once', () => {
    const delivered: number[] = [];
    const sequencer = new EventSequencer(
      10,
      (e) => delivered.push(e.position),
      pino({ level: 'silent' }),
    );
    sequencer.publish([event(13), event(12)]);
    expect(delivered).toEqual([]);
    sequencer.publish([event(11), event(12), event(10)]);
    sequencer.publish([event(13), event(14)]);
    expect(delivered).toEqual([11, 12, 13, 14]);
    expect(sequencer.nextPosition).toBe(15);
    sequencer.close();
  });

  it('asks for a gap to be filled when it stays open, then delivers what the fill brings', () => {
    vi.useFakeTimers();
    const delivered: number[] = [];
    const requests: number[] = [];
    const sequencer: EventSequencer = new EventSequencer(
      0,
      (e) => delivered.push(e.position),
      pino({ level: 'silent' }),
      () => requests.push(sequencer.nextPosition),
      { fillAfterMs: 50, skipAfterMs: 10_000 },
    );
    sequencer.publish([event(3)]);
    vi.advanceTimersByTime(49);
    expect(requests).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(requests).toEqual([1]);
    sequencer.publish([event(1), event(2)]);
    expect(delivered).toEqual([1, 2, 3]);
    vi.advanceTimersByTime(20_000);
    expect(requests).toEqual([1]);
    sequencer.close();
  });

  it('skips a gap nothing fills only after skipAfterMs, with a warning', () => {
    vi.useFakeTimers();
    const delivered: number[] = [];
    const warnings: unknown[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    const sequencer = new EventSequencer(
      0,
      (e) => delivered.push(e.position),
      logger,
      () => {},
      {
        fillAfterMs: 50,
        skipAfterMs: 1000,
      },
    );
    sequencer.publish([event(2)]);
    vi.advanceTimersByTime(999);
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(delivered).toEqual([2]);
    expect(String(warnings[0])).toContain('event stream gap skipped');
    sequencer.close();
  });
});
