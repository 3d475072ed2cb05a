/**
 * `imkit send` wall time: spawning `node packages/cli/bin/imkit.js send <friend> <text>`
 * (logged in, against a local server) until it exits, against `node -e 0`; and
 * `imkit --version` against the same baseline.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { type ServerChild, startChild } from './harness/child.js';
import { friendPair } from './harness/imkitUsers.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import type { Row } from './harness/table.js';

const IMKIT_BIN = fileURLToPath(new URL('../../packages/cli/bin/imkit.js', import.meta.url));

/** Runs `node <args>` to its exit; resolves with the wall time in seconds. */
function timeNode(args: string[], env: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve((performance.now() - started) / 1000);
    });
  });
}

async function run(options: BenchOptions): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-bench-cli-'));
  const configDir = path.join(dataDir, 'cli');
  let server: ServerChild | undefined;
  try {
    server = await startChild('imkit', { IMKIT_BENCH_DATA_DIR: dataDir });
    const { a, b } = await friendPair(server.url);
    const env = { IMKIT_SERVER: server.url, IMKIT_CONFIG_DIR: configDir };
    await timeNode([IMKIT_BIN, 'login', '--username', a.username, '--password', a.password], env);
    const send = () => timeNode([IMKIT_BIN, 'send', b.username, 'hello from the bench'], env);
    const version = () => timeNode([IMKIT_BIN, '--version'], env);
    const bare = () => timeNode(['-e', '0']);
    await Promise.all([send(), version(), bare()]);
    const results = await interleave(rounds(options, 15, 3), { send, bare, version });
    return [
      row('`imkit send` wall time', 's', 'node -e 0', results.send, results.bare, { atMost: 2.5 }),
      row('`imkit --version` wall time', 's', 'node -e 0', results.version, results.bare),
    ];
  } finally {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The CLI wall time benchmark. */
export const cli: Benchmark = { name: 'cli', run };

if (isMain(import.meta.url)) await runAlone(cli);
