import type { Summary } from './stats.js';

/** A goal for the ratio imkit / baseline. */
export interface Goal {
  /** The ratio must be at most this (lower is better) ... */
  atMost?: number;
  /** ... or at least this (higher is better). */
  atLeast?: number;
}

/** One line of the results table. */
export interface Row {
  figure: string;
  unit: string;
  /** What the baseline is, e.g. "raw node:http JSON hello". */
  baselineName: string;
  imkit?: Summary;
  baseline?: Summary;
  /** Per-round ratios imkit / baseline, summarised. */
  ratio?: Summary;
  goal?: Goal;
  /** Why the figure could not be measured. */
  unavailable?: string;
}

const fmt = (value: number) =>
  Math.abs(value) >= 100
    ? value.toFixed(0)
    : Math.abs(value) >= 10
      ? value.toFixed(1)
      : value.toFixed(2);
const spread = (s: Summary) => (s.n > 1 ? ` (${fmt(s.min)}–${fmt(s.max)})` : '');
const cell = (s: Summary | undefined, unit: string) =>
  s ? `${fmt(s.median)}${unit ? ` ${unit}` : ''}${spread(s)}` : '';

function goalText(goal: Goal | undefined): string {
  if (goal?.atMost !== undefined) return `<= ${goal.atMost}x`;
  if (goal?.atLeast !== undefined) return `>= ${goal.atLeast}x`;
  return '';
}

function met(row: Row): string {
  if (!row.goal || !row.ratio) return '';
  const r = row.ratio.median;
  const ok = row.goal.atMost !== undefined ? r <= row.goal.atMost : r >= (row.goal.atLeast ?? 0);
  return ok ? 'yes' : 'no';
}

/** The table's cells: figure, imkit, baseline, ratio, goal, met? (medians, spread min–max). */
export function cells(rows: readonly Row[]): string[][] {
  const head = ['figure', 'imkit', 'baseline', 'ratio', 'goal', 'met?'];
  const body = rows.map((row) =>
    row.unavailable
      ? [row.figure, `n/a (${row.unavailable})`, row.baselineName, '', goalText(row.goal), '']
      : [
          row.figure,
          cell(row.imkit, row.unit),
          row.baseline ? `${row.baselineName}: ${cell(row.baseline, row.unit)}` : row.baselineName,
          row.ratio ? `${fmt(row.ratio.median)}x${spread(row.ratio)}` : '',
          goalText(row.goal),
          met(row),
        ],
  );
  return [head, ...body];
}

/** The table as Markdown (for docs/performance.md). */
export function markdownTable(rows: readonly Row[]): string {
  const [head, ...body] = cells(rows) as [string[], ...string[][]];
  const line = (c: string[]) => `| ${c.map((v) => v.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...body.map(line)].join('\n');
}

/** The table as aligned plain text. */
export function textTable(rows: readonly Row[]): string {
  const all = cells(rows);
  const widths = (all[0] as string[]).map((_, i) =>
    Math.max(...all.map((c) => (c[i] ?? '').length)),
  );
  return all.map((c) => c.map((v, i) => v.padEnd(widths[i] as number)).join('  ')).join('\n');
}
