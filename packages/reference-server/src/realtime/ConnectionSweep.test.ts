import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectionSweep } from './ConnectionSweep.js';

describe('ConnectionSweep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks every member on each tick with one timer, and only members still registered', () => {
    const sweep = new ConnectionSweep(100);
    const first = { sweep: vi.fn() };
    const second = { sweep: vi.fn() };
    sweep.add(first);
    sweep.add(second);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(250);
    expect(first.sweep).toHaveBeenCalledTimes(2);
    expect(second.sweep).toHaveBeenCalledWith(Date.now() - 50);
    sweep.delete(first);
    vi.advanceTimersByTime(100);
    expect(first.sweep).toHaveBeenCalledTimes(2);
    expect(second.sweep).toHaveBeenCalledTimes(3);
  });

  it('stops its timer once the last member left', () => {
    const sweep = new ConnectionSweep(100);
    const member = { sweep: vi.fn() };
    sweep.add(member);
    sweep.delete(member);
    expect(vi.getTimerCount()).toBe(0);
    sweep.add(member);
    vi.advanceTimersByTime(100);
    expect(member.sweep).toHaveBeenCalledOnce();
    sweep.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
