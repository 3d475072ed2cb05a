import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { specPath } from './specPath.js';

const require = createRequire(import.meta.url);

/** Options of {@link startPrismMock}. */
export interface PrismMockOptions {
  /** TCP port. Default: 4010. */
  port?: number;
  /** Interface to bind. Default: 127.0.0.1. */
  host?: string;
  /** The spec to serve. Default: the bundled `@imkit/openapi/openapi.json`. */
  spec?: string;
  /** Where Prism's own log goes: `inherit` shows it, `ignore` drops it. Default: `ignore`. */
  stdio?: 'inherit' | 'ignore';
  /** Milliseconds to wait for Prism to answer. Default: 30000. */
  timeoutMs?: number;
}

/** A running Prism mock server. */
export interface PrismMock {
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** The Prism process. */
  process: ChildProcess;
  /** Stops Prism (SIGTERM) and resolves once it has exited. */
  close(): Promise<void>;
}

/** Path of Prism's CLI entry, so it runs as `node <bin>` and killing it kills the server. */
export function prismBin(): string {
  const manifest = require.resolve('@stoplight/prism-cli/package.json');
  const { bin } = require('@stoplight/prism-cli/package.json') as { bin: { prism: string } };
  return join(dirname(manifest), bin.prism);
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Prism exited early with code ${child.exitCode}`);
    try {
      await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`Prism did not answer on ${url} within ${timeoutMs} ms`);
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/**
 * Starts Prism in mock mode on the spec's examples and resolves once it answers HTTP.
 * Prism answers every operation with the example of its first 2xx response, and rejects
 * requests that break the spec with 4xx problem details.
 *
 * @example
 * ```ts
 * const mock = await startPrismMock({ port: 4010 });
 * await fetch(`${mock.url}/health`);
 * await mock.close();
 * ```
 */
export async function startPrismMock(options: PrismMockOptions = {}): Promise<PrismMock> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 4010;
  const args = [prismBin(), 'mock', '--host', host, '--port', String(port)];
  const child = spawn(process.execPath, [...args, options.spec ?? specPath()], {
    stdio: ['ignore', options.stdio ?? 'ignore', options.stdio ?? 'ignore'],
  });
  const url = `http://${host}:${port}`;
  try {
    await waitUntilUp(url, child, options.timeoutMs ?? 30_000);
  } catch (error) {
    await stop(child, 'SIGKILL');
    throw error;
  }
  return { url, process: child, close: () => stop(child) };
}
