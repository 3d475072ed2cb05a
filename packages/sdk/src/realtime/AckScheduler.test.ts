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

  it('sends at once every maxCount events and still flushes the rest', () => {
    const sent: number[] = [];
    const acks = new AckScheduler((position) => sent.push(position), { maxCount: 50 });
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

  it('sends at most about 22 acks per second for a stream of 2,000 events per second', () => {
    const sent: number[] = [];
    const acks = new AckScheduler((position) => sent.push(position));
    for (let ms = 1; ms <= 1000; ms += 1) {
      acks.note(ms * 2 - 1);
      acks.note(ms * 2);
      vi.advanceTimersByTime(1);
    }
    expect(sent.length).toBeLessThanOrEqual(24);
    expect(sent.at(-1)).toBeGreaterThan(1900);
  });
});
