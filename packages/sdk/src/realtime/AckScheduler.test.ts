import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckScheduler } from './AckScheduler.js';

describe('AckScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends only the latest position once per 50 ms', () => {
    const sent: number[] = [];
    const acks = new AckScheduler((position) => sent.push(position));
    for (const position of [1, 2, 3]) acks.note(position);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([3]);
    acks.flush();
    expect(sent).toEqual([3]);
  });

  it('sends at once every 50 events and still flushes the rest', () => {
    const sent: number[] = [];
    const acks = new AckScheduler((position) => sent.push(position));
    for (let position = 1; position <= 60; position += 1) acks.note(position);
    expect(sent).toEqual([50]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([50, 60]);
  });

  it('sends the latest position again after a reset, since the lost socket may have dropped it', () => {
    const sent: number[] = [];
    const acks = new AckScheduler((position) => sent.push(position));
    acks.note(7);
    acks.flush();
    acks.reset();
    acks.flush();
    expect(sent).toEqual([7, 7]);
  });
});
