/** Options of a bench run, from the command line. */
export interface BenchOptions {
  /** A fast smoke run: fewer rounds, shorter runs, smaller data. */
  quick: boolean;
  /** Print the table as Markdown (for docs/performance.md). */
  markdown: boolean;
  /** Write the table into docs/performance.md (between its bench:results markers). */
  updateDocs: boolean;
  /** Benchmarks to run (empty: all). */
  names: string[];
  /** Messages seeded for the history benchmark. */
  historyMessages: number;
}

/** Parses `[--quick] [--markdown] [--update-docs] [--history-messages=N] [name...]`. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const seeded = argv.find((arg) => arg.startsWith('--history-messages='));
  return {
    quick,
    markdown: argv.includes('--markdown'),
    updateDocs: argv.includes('--update-docs'),
    names: argv.filter((arg) => !arg.startsWith('--')),
    historyMessages: seeded ? Number(seeded.split('=')[1]) : quick ? 100_000 : 1_000_000,
  };
}

/** Rounds of a benchmark: `full` normally, `quick` with --quick. */
export const rounds = (options: BenchOptions, full: number, quick = 1) =>
  options.quick ? quick : full;
