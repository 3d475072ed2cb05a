import { pathToFileURL } from 'node:url';
import { type BenchOptions, parseOptions } from './options.js';
import { markdownTable, type Row, textTable } from './table.js';

/** One benchmark of the suite: imkit's figure(s) and their baselines. */
export interface Benchmark {
  /** Its name on the command line, e.g. `send`. */
  name: string;
  run(options: BenchOptions): Promise<Row[]>;
}

/** Prints rows as a table (Markdown with --markdown). */
export function printRows(rows: readonly Row[], options: BenchOptions): void {
  process.stdout.write(`${options.markdown ? markdownTable(rows) : textTable(rows)}\n`);
}

/** True when the module at `metaUrl` is the script node was started with. */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === metaUrl;
}

/** Runs one benchmark on its own (`npx tsx bench/src/<name>.ts [--quick] [--markdown]`). */
export async function runAlone(benchmark: Benchmark): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  printRows(await benchmark.run(options), options);
}
