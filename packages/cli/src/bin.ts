#!/usr/bin/env node
import { run } from './run.js';

// The only place that touches the process: arguments, environment, streams and exit.
const code = await run(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stdin.isTTY),
});
process.exitCode = code;
// Exit once stdout is flushed, even if a socket or stdin would keep the event loop alive.
process.stdout.write('', () => process.exit(code));
