import { ratios, summarize } from './stats.js';
import type { Goal, Row } from './table.js';

/**
 * Runs every measurement once per round, in turn (A B A B …), so drift of the machine during
 * the run hits imkit and its baseline alike.
 * @returns per measurement, its value of each round.
 */
export async function interleave<M extends Record<string, () => Promise<unknown>>>(
  rounds: number,
  measures: M,
): Promise<{ [K in keyof M]: Awaited<ReturnType<M[K]>>[] }> {
  const keys = Object.keys(measures) as (keyof M)[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as unknown[]])) as {
    [K in keyof M]: Awaited<ReturnType<M[K]>>[];
  };
  for (let round = 0; round < rounds; round += 1) {
    for (const key of keys) {
      const measure = measures[key] as () => Promise<unknown>;
      out[key].push((await measure()) as Awaited<ReturnType<M[typeof key]>>);
    }
  }
  return out;
}

/**
 * A table row from per-round values of imkit and its baseline. Without `baseline` (a figure
 * that has none, e.g. a count) the row shows imkit's value alone, with no ratio.
 */
export function row(
  figure: string,
  unit: string,
  baselineName: string,
  imkit: number[],
  baseline?: number[],
  goal?: Goal,
): Row {
  return {
    figure,
    unit,
    baselineName,
    imkit: summarize(imkit),
    ...(baseline
      ? { baseline: summarize(baseline), ratio: summarize(ratios(imkit, baseline)) }
      : {}),
    ...(goal ? { goal } : {}),
  };
}
