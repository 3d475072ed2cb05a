/**
 * Mock start to first answer: from spawning the mock process to its first 200 on GET /health.
 * imkit's mock is Prism on the spec (`startPrismMock`'s command); baseline: a node process
 * serving the MSW handlers of @imkit/mock-server over HTTP (servers/mswServer.mjs).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, prismBin, specPath } from '@imkit/mock-server';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import { sleep } from './harness/sockets.js';
import type { Row } from './harness/table.js';

const MSW_SERVER = fileURLToPath(new URL('./servers/mswServer.mjs', import.meta.url));

/** Spawns `node <args>`, polls GET /health every 10 ms until 200; seconds from spawn. Kills it. */
async function startToFirstAnswer(args: (port: number) => string[], port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args(port), {
    stdio: 'ignore',
    env: { ...process.env, PORT: String(port) },
  });
  try {
    while (performance.now() - started < 60_000) {
      if (child.exitCode !== null) throw new Error(`mock exited early with ${child.exitCode}`);
      const answer = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
      if (answer?.status === 200) return (performance.now() - started) / 1000;
      await sleep(10);
    }
    throw new Error('mock did not answer within 60 s');
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
}

const prism = (port: number) => [
  prismBin(),
  'mock',
  '--host',
  '127.0.0.1',
  '--port',
  String(port),
  specPath(),
];
const msw = () => [MSW_SERVER];

async function run(options: BenchOptions): Promise<Row[]> {
  const results = await interleave(rounds(options, 3), {
    prism: async () => startToFirstAnswer(prism, await freePort()),
    msw: async () => startToFirstAnswer(msw, await freePort()),
  });
  return [
    row('mock start to first answer', 's', 'MSW handlers process', results.prism, results.msw),
  ];
}

/** The mock start benchmark. */
export const mock: Benchmark = { name: 'mock', run };

if (isMain(import.meta.url)) await runAlone(mock);
