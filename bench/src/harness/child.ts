import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RequestCounts } from '../servers/serve.js';

/** A server running in its own process, so its CPU and heap are measured apart from the load. */
export interface ServerChild {
  url: string;
  pid: number;
  /** The child's CPU time so far (user + system), in microseconds. */
  cpu(): Promise<number>;
  /** The child's V8 heap in use after two full garbage collections, in bytes. */
  heap(): Promise<number>;
  /** The HTTP requests it has in flight and the answers it sent (zeros if it keeps no count). */
  requests(): Promise<RequestCounts>;
  /** Closes the server and waits for the process to exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

type Reply = { type: string; value?: unknown; url?: string; error?: string };

function ask(child: ChildProcess, type: string, timeoutMs = 30_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not answer ${type}`)), timeoutMs);
    const onMessage = (reply: Reply) => {
      if (reply.type !== type && reply.type !== 'error') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      if (reply.type === 'error') reject(new Error(reply.error));
      else resolve(reply);
    };
    child.on('message', onMessage);
    if (type !== 'ready') child.send({ type });
  });
}

function exit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * The imkit server's own storage variables: a child gets them only from `startChild`'s `env`,
 * never from the shell the bench runs in, so a SQLite figure cannot run on PostgreSQL by accident.
 */
const STORAGE_VARIABLES = [
  'IMKIT_DATABASE_URL',
  'IMKIT_DATABASE_POOL_SIZE',
  'IMKIT_REDIS_URL',
  'IMKIT_REDIS_KEY_PREFIX',
];

/** The bench's own environment without {@link STORAGE_VARIABLES}. */
function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of STORAGE_VARIABLES) delete env[name];
  return env;
}

/**
 * With `IMKIT_BENCH_CPU_PROFILE=<folder>`, every server child writes a V8 CPU profile of its
 * whole life into that folder when it exits (`--cpu-prof`), to see where a figure's time goes.
 */
function profiling(): string[] {
  const dir = process.env.IMKIT_BENCH_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/**
 * Forks `bench/src/servers/<name>.ts` (through tsx, with --expose-gc) and resolves once it
 * listens on 127.0.0.1 and a random port.
 * @param env extra environment variables for the server (its configuration); the imkit
 *   server's storage variables (`IMKIT_DATABASE_URL`, `IMKIT_REDIS_URL`, …) come only from here.
 */
export async function startChild(
  name: string,
  env: Record<string, string> = {},
): Promise<ServerChild> {
  const file = fileURLToPath(new URL(`../servers/${name}.ts`, import.meta.url));
  const child = fork(file, [], {
    execArgv: ['--import', import.meta.resolve('tsx'), '--expose-gc', ...profiling()],
    env: { ...inheritedEnv(), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await ask(child, 'ready', 60_000).catch(async (error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    url: ready.url as string,
    pid: child.pid as number,
    cpu: async () => (await ask(child, 'cpu')).value as number,
    heap: async () => (await ask(child, 'heap')).value as number,
    requests: async () => (await ask(child, 'requests')).value as RequestCounts,
    stop: async () => {
      if (child.connected) child.send({ type: 'close' });
      await exit(child);
    },
  };
}
