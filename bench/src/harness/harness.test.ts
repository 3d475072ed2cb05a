import { describe, expect, it } from 'vitest';
import { interleave, row } from './rounds.js';
import { quantile, summarize } from './stats.js';
import { markdownTable, textTable } from './table.js';

describe('interleave', () => {
  it('runs the measurements in turn, round after round (A B A B)', async () => {
    const order: string[] = [];
    const measure = (name: string, value: number) => async () => {
      order.push(name);
      return value;
    };
    const results = await interleave(3, { a: measure('a', 1), b: measure('b', 2) });
    expect(order).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(results).toEqual({ a: [1, 1, 1], b: [2, 2, 2] });
  });
});

describe('statistics', () => {
  it('takes the nearest-rank quantile', () => {
    expect(quantile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(
      quantile(
        Array.from({ length: 100 }, (_, i) => i + 1),
        0.99,
      ),
    ).toBe(99);
  });

  it('summarises median and spread', () => {
    expect(summarize([3, 9, 1])).toEqual({ median: 3, min: 1, max: 9, n: 3 });
  });

  it('computes the ratio per round, so its spread is the rounds’ noise', () => {
    const r = row('x', 'ms', 'base', [2, 4, 9], [1, 2, 3]);
    expect(r.ratio).toEqual({ median: 2, min: 2, max: 3, n: 3 });
  });
});

describe('table', () => {
  it('says whether each goal is met, in either direction', () => {
    const rows = [
      row('lower is better', 'ms', 'base', [3], [2], { atMost: 2 }),
      row('higher is better', 'req/s', 'base', [1], [10], { atLeast: 0.25 }),
      row('missed', 'ms', 'base', [5], [1], { atMost: 2 }),
    ];
    const lines = markdownTable(rows).split('\n');
    expect(lines[0]).toBe('| figure | imkit | baseline | ratio | goal | met? |');
    expect(lines[2]).toBe('| lower is better | 3.00 ms | base: 2.00 ms | 1.50x | <= 2x | yes |');
    expect(lines[3]).toContain('| 0.10x | >= 0.25x | no |');
    expect(lines[4]).toContain('| 5.00x | <= 2x | no |');
  });

  it('prints a figure without a baseline alone, with no ratio', () => {
    const lines = markdownTable([row('sends per transaction', 'sends', '', [4, 2, 8])]).split('\n');
    expect(lines[2]).toBe('| sends per transaction | 4.00 sends (2.00–8.00) |  |  |  |  |');
  });

  it('prints a count without a unit as the bare number', () => {
    const lines = markdownTable([row('deadlocks per 1,000', '', '', [0, 2, 3])]).split('\n');
    expect(lines[2]).toBe('| deadlocks per 1,000 | 2.00 (0.00–3.00) |  |  |  |  |');
  });

  it('prints a figure that could not be measured as n/a with its reason', () => {
    const text = textTable([
      { figure: 'on PostgreSQL', unit: '', baselineName: '', unavailable: 'no store yet' },
    ]);
    expect(text).toContain('n/a (no store yet)');
  });
});
