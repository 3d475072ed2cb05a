#!/usr/bin/env node
// Runs the Redocly CLI with the given arguments (`node scripts/redocly.mjs lint src/openapi.yaml`)
// and its exit code, minus the Node 20 notice box it prints on stderr on every run (see
// node20Notice.mjs). Standard output and everything else on stderr pass through unchanged.
// Telemetry is off unless REDOCLY_TELEMETRY says otherwise.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Node20NoticeFilter } from './node20Notice.mjs';

const require = createRequire(import.meta.url);
const manifest = require.resolve('@redocly/cli/package.json');
const redocly = join(dirname(manifest), require('@redocly/cli/package.json').bin.redocly);

const child = spawn(process.execPath, [redocly, ...process.argv.slice(2)], {
  stdio: ['inherit', 'inherit', 'pipe'],
  env: { REDOCLY_TELEMETRY: 'off', ...process.env },
});
const filter = new Node20NoticeFilter();
const write = (lines) => {
  for (const line of lines) process.stderr.write(`${line}\n`);
};
const stderr = createInterface({ input: child.stderr, crlfDelay: Number.POSITIVE_INFINITY });
stderr.on('line', (line) => write(filter.push(line)));
const stderrDone = new Promise((resolve) => stderr.once('close', resolve));

child.once('close', async (code, signal) => {
  await stderrDone;
  write(filter.end());
  if (signal) process.kill(process.pid, signal);
  else process.exitCode = code ?? 1;
});
