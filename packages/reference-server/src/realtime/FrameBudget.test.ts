import { describe, expect, it } from 'vitest';
import { FrameBudget } from './FrameBudget.js';

describe('FrameBudget', () => {
  it('allows a burst, refuses past it and refills with time', () => {
    let now = 0;
    const budget = new FrameBudget(10, 5, () => now);
    for (let i = 0; i < 10; i += 1) expect(budget.take(1)).toBe(true);
    expect(budget.take(1)).toBe(false);
    now = 1000;
    expect(budget.take(5)).toBe(true);
    expect(budget.take(1)).toBe(false);
  });

  it('charges expensive frames more and never refills past the burst', () => {
    let now = 0;
    const budget = new FrameBudget(20, 50, () => now);
    expect(budget.take(10)).toBe(true);
    expect(budget.take(10)).toBe(true);
    expect(budget.take(10)).toBe(false);
    now = 60_000;
    expect(budget.take(20)).toBe(true);
    expect(budget.take(1)).toBe(false);
  });
});
