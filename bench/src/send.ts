/**
 * Durable text send: POST /conversations/{id}/messages (operation `sendMessage`) under
 * autocannon with 32 connections, a fresh client_message_id per request; with
 * synchronous=FULL (the default) and NORMAL; baselines a raw node:http JSON hello and a Koa
 * hello getting the same request. Figures: req/s, p99 latency, server CPU per request.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Benchmark, isMain, runAlone } from './harness/benchmark.js';
import { type ServerChild, startChild } from './harness/child.js';
import { type BenchOptions, rounds } from './harness/options.js';
import { interleave, row } from './harness/rounds.js';
import { type Load, sendLoad as load, sendersOf } from './harness/sendLoad.js';
import type { Row } from './harness/table.js';

async function run(options: BenchOptions): Promise<Row[]> {
  const dirs = ['full', 'normal'].map((n) =>
    fs.mkdtempSync(path.join(os.tmpdir(), `imkit-bench-send-${n}-`)),
  );
  const servers: ServerChild[] = [];
  try {
    const start = async (name: string, env?: Record<string, string>) => {
      const child = await startChild(name, env);
      servers.push(child);
      return child;
    };
    const full = await start('imkit', {
      IMKIT_BENCH_DATA_DIR: dirs[0] as string,
      IMKIT_SQLITE_SYNCHRONOUS: 'FULL',
    });
    const normal = await start('imkit', {
      IMKIT_BENCH_DATA_DIR: dirs[1] as string,
      IMKIT_SQLITE_SYNCHRONOUS: 'NORMAL',
    });
    const raw = await start('rawHttp');
    const koa = await start('koa');
    const [fullSenders, normalSenders] = await Promise.all([
      sendersOf(full.url),
      sendersOf(normal.url),
    ]);
    const plain = fullSenders;
    const seconds = options.quick ? 2 : 5;
    const targets = {
      full: [full, fullSenders],
      normal: [normal, normalSenders],
      raw: [raw, plain],
      koa: [koa, plain],
    } as const;
    for (const [server, senders] of Object.values(targets)) await load(server, senders, 1);
    const runs = await interleave(rounds(options, 3), {
      full: () => load(full, fullSenders, seconds),
      raw: () => load(raw, plain, seconds),
      normal: () => load(normal, normalSenders, seconds),
      koa: () => load(koa, plain, seconds),
    });
    const of = (loads: Load[], key: 'reqPerSec' | 'p99Ms' | 'cpuPerRequestMs') =>
      loads.map((l) => l[key]);
    const rawHello = 'raw node:http JSON hello';
    return [
      row(
        'durable send, FULL, 32 conn: req/s',
        'req/s',
        rawHello,
        of(runs.full, 'reqPerSec'),
        of(runs.raw, 'reqPerSec'),
        { atLeast: 0.25 },
      ),
      row(
        'durable send, FULL: p99 latency',
        'ms',
        rawHello,
        of(runs.full, 'p99Ms'),
        of(runs.raw, 'p99Ms'),
        { atMost: 10 },
      ),
      row(
        'durable send, FULL: server CPU per request',
        'ms',
        rawHello,
        of(runs.full, 'cpuPerRequestMs'),
        of(runs.raw, 'cpuPerRequestMs'),
      ),
      row(
        'durable send, NORMAL, 32 conn: req/s',
        'req/s',
        rawHello,
        of(runs.normal, 'reqPerSec'),
        of(runs.raw, 'reqPerSec'),
      ),
      row(
        'Koa hello (reference), 32 conn: req/s',
        'req/s',
        rawHello,
        of(runs.koa, 'reqPerSec'),
        of(runs.raw, 'reqPerSec'),
      ),
    ];
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The send benchmark. */
export const send: Benchmark = { name: 'send', run };

if (isMain(import.meta.url)) await runAlone(send);
