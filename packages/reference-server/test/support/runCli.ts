import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The `imkit` command of @imkit/cli, as npm links it (it runs the built CLI). */
const cliBin = path.join(
  path.dirname(require.resolve('@imkit/cli/package.json')),
  (require('@imkit/cli/package.json') as { bin: { imkit: string } }).bin.imkit,
);

/** The outcome of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A terminal user: its own config directory, so several can share one machine. */
export interface CliUser {
  configDir: string;
  run(args: string[], stdin?: string): Promise<CliResult>;
}

/** Creates a CLI user talking to `server`, with a fresh `IMKIT_CONFIG_DIR`. */
export function cliUser(server: string): CliUser {
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-cli-'));
  return {
    configDir,
    run: (args, stdin = '') =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cliBin, ...args], {
          env: {
            ...process.env,
            IMKIT_CONFIG_DIR: configDir,
            IMKIT_SERVER: server,
            IMKIT_PASSWORD: '',
          },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => {
          stdout += chunk;
        });
        child.stderr.on('data', (chunk) => {
          stderr += chunk;
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
        child.stdin.end(stdin);
      }),
  };
}
