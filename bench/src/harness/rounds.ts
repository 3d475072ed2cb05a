import { ratios, summarize } from './stats.js';
import type { Goal, Row } from './table.js';

/**
 * Runs every measurement once per round, in turn (A B A B …), so drift of the machine during
 * the run hits imkit and its baseline alike.
 * @returns per measurement, its value of each round.
 */
export async function interleave<K extends string, V = number>(
  rounds: number,
  measures: Record<K, () => Promise<V>>,
): Promise<Record<K, V[]>> {
  const keys = Object.keys(measures) as K[];
  const out = Object.fromEntries(keys.map((k) => [k, [] as V[]])) as Record<K, V[]>;
  for (let round = 0; round < rounds; round += 1) {
    for (const key of keys) out[key].push(await measures[key]());
  }
  return out;
}

/** A table row from per-round values of imkit and its baseline. */
export function row(
  figure: string,
  unit: string,
  baselineName: string,
  imkit: number[],
  baseline: number[],
  goal?: Goal,
): Row {
  return {
    figure,
    unit,
    baselineName,
    imkit: summarize(imkit),
    baseline: summarize(baseline),
    ratio: summarize(ratios(imkit, baseline)),
    ...(goal ? { goal } : {}),
  };
}
