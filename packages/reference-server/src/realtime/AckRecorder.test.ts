import { describe, expect, it } from 'vitest';
import { AckRecorder } from './AckRecorder.js';

describe('AckRecorder', () => {
  it('writes acks one at a time, in order, collapsing a burst into its newest', async () => {
    const written: number[] = [];
    const recorder = new AckRecorder(
      async (position) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        written.push(position);
      },
      () => {},
    );
    for (const position of [3, 5, 4, 9, 7, 12]) recorder.note(position);
    await recorder.settled();
    expect(written).toEqual([3, 12]);
  });

  it('keeps going after a failed write', async () => {
    const failures: unknown[] = [];
    let calls = 0;
    const recorder = new AckRecorder(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('disk full');
      },
      (error) => failures.push(error),
    );
    recorder.note(1);
    await recorder.settled();
    recorder.note(2);
    await recorder.settled();
    expect(calls).toBe(2);
    expect(failures).toHaveLength(1);
  });
});
