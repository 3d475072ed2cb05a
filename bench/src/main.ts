/**
 * `npm run bench [-- [--quick] [--markdown] [--update-docs] [--history-messages=N] [name...]]`:
 * runs every benchmark (or the named ones) and prints one table of imkit against its baselines;
 * --update-docs also writes it (as Markdown) into docs/performance.md.
 * Names: send, realtime, fanout, group-fanout, idle-socket, history, search, cli, bundle, mock, and on
 * PostgreSQL + Redis: send-postgres, realtime-postgres, three-process-delivery, three-process-send,
 * stream-head.
 */
import { bundle } from './bundle.js';
import { cli } from './cli.js';
import { fanout } from './fanout.js';
import { groupFanout } from './groupFanout.js';
import { type Benchmark, printRows } from './harness/benchmark.js';
import { describeLoad, describeMachine } from './harness/machine.js';
import { parseOptions } from './harness/options.js';
import { markdownTable, type Row } from './harness/table.js';
import { updateDocs } from './harness/updateDocs.js';
import { history } from './history.js';
import { idleSocket } from './idleSocket.js';
import { mock } from './mock.js';
import { realtime } from './realtime.js';
import { realtimePostgres } from './realtimePostgres.js';
import { search } from './search.js';
import { send } from './send.js';
import { sendPostgres } from './sendPostgres.js';
import { streamHead } from './streamHead.js';
import { threeProcessDelivery } from './threeProcessDelivery.js';
import { threeProcessSend } from './threeProcessSend.js';

const all: Benchmark[] = [
  send,
  realtime,
  fanout,
  groupFanout,
  idleSocket,
  history,
  search,
  cli,
  bundle,
  mock,
  sendPostgres,
  realtimePostgres,
  threeProcessDelivery,
  threeProcessSend,
  streamHead,
];

const options = parseOptions(process.argv.slice(2));
const unknown = options.names.filter((name) => !all.some((b) => b.name === name));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown benchmark ${unknown.join(', ')}; known: ${all.map((b) => b.name).join(', ')}\n`,
  );
  process.exit(2);
}
const chosen = options.names.length > 0 ? all.filter((b) => options.names.includes(b.name)) : all;
const load = describeLoad();
const started = performance.now();
const rows: Row[] = [];
for (const benchmark of chosen) {
  const begun = performance.now();
  process.stderr.write(`bench: ${benchmark.name}${options.quick ? ' (quick)' : ''} …\n`);
  try {
    rows.push(...(await benchmark.run(options)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    rows.push({
      figure: benchmark.name,
      unit: '',
      baselineName: '',
      unavailable: `failed: ${reason}`,
    });
    process.exitCode = 1;
  }
  process.stderr.write(
    `bench: ${benchmark.name} took ${((performance.now() - begun) / 1000).toFixed(0)} s\n`,
  );
}
const seconds = (performance.now() - started) / 1000;
const when = new Date().toISOString().slice(0, 10);
const heading = [
  `Machine: ${describeMachine()}`,
  `Run: ${when}, ${options.quick ? '--quick' : 'full'}, ${seconds.toFixed(0)} s, ${load}; medians, (min–max) over rounds; ratio = imkit / baseline per round`,
].join('\n\n');
process.stdout.write(`${heading}\n\n`);
printRows(rows, options);
if (options.updateDocs) updateDocs(`${heading}\n\n${markdownTable(rows)}`);
