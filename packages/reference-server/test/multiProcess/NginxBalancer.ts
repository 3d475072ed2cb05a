import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChildProcessLog } from './ChildProcessLog.js';

/** The nginx configuration the README documents, run as it is but for its ports. */
export const NGINX_CONFIG = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../deploy/nginx/imkit.conf',
);

/** How long nginx may take to answer through to the servers, in ms. */
const START_TIMEOUT_MS = 10_000;

/**
 * The committed configuration with the test's ports: `listen 8080` becomes the balancer's own
 * port on 127.0.0.1 and the upstream servers 127.0.0.1:8081-8083 the processes' ports.
 * @throws Error when the file no longer has one `listen 8080;` and one upstream line per port.
 */
export function renderNginxConfig(
  config: string,
  listenPort: number,
  upstreamPorts: number[],
): string {
  let upstreams = 0;
  const rendered = config
    .replace(/^(\s*)listen 8080;$/m, `$1listen 127.0.0.1:${listenPort};`)
    .replace(/server 127\.0\.0\.1:\d+/g, () => `server 127.0.0.1:${upstreamPorts[upstreams++]}`);
  if (!rendered.includes(`listen 127.0.0.1:${listenPort};`) || upstreams !== upstreamPorts.length) {
    throw new Error(
      `${NGINX_CONFIG} should have "listen 8080;" and ${upstreamPorts.length} "server 127.0.0.1:<port>" lines (found ${upstreams})`,
    );
  }
  return rendered;
}

/** nginx's main configuration around the imkit one: every file it writes stays in `dir`. */
function mainConfig(dir: string): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log info;
events { worker_connections 1024; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/imkit.conf;
}
`;
}

/** The nginx binary: `IMKIT_TEST_NGINX`, else the first `nginx` on PATH or in the sbin folders. */
function nginxBinary(): string {
  if (process.env.IMKIT_TEST_NGINX) return process.env.IMKIT_TEST_NGINX;
  const folders = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];
  const found = folders
    .map((folder) => path.join(folder, 'nginx'))
    .find((file) => fs.existsSync(file));
  if (!found) throw new Error('nginx is not installed (apt-get install -y nginx)');
  return found;
}

/**
 * Debian's nginx as the load balancer in front of the server processes, in the foreground,
 * with its configuration, pid file, logs and temporary files in a folder of its own (not the
 * system service).
 */
export class NginxBalancer {
  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly process: ChildProcessLog,
  ) {}

  /** The balancer's base URL: what clients use. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * Renders the configuration for `port` and `upstreamPorts`, starts nginx and resolves once
   * `GET /health` answers 200 through it.
   * @throws Error with nginx's error log when it exits or does not answer within 10 s.
   */
  static async start(port: number, upstreamPorts: number[], dir: string): Promise<NginxBalancer> {
    fs.mkdirSync(dir, { recursive: true });
    // Started as root, nginx runs its workers as an unprivileged user: they must reach `dir`
    // (a folder in the test's private temporary folder).
    fs.chmodSync(path.dirname(dir), 0o755);
    fs.chmodSync(dir, 0o755);
    const template = fs.readFileSync(NGINX_CONFIG, 'utf8');
    fs.writeFileSync(
      path.join(dir, 'imkit.conf'),
      renderNginxConfig(template, port, upstreamPorts),
    );
    fs.writeFileSync(path.join(dir, 'nginx.conf'), mainConfig(dir));
    const args = [
      '-p',
      `${dir}/`,
      '-e',
      `${dir}/error.log`,
      '-c',
      `${dir}/nginx.conf`,
      '-g',
      'daemon off;',
    ];
    const child = new ChildProcessLog('nginx', nginxBinary(), args, {
      env: { PATH: process.env.PATH },
      logFile: path.join(dir, 'stdout.log'),
    });
    const balancer = new NginxBalancer(port, dir, child);
    await balancer.waitForHealth(START_TIMEOUT_MS);
    return balancer;
  }

  /** nginx's error log so far (for failure messages). */
  errorLog(): string {
    const file = path.join(this.dir, 'error.log');
    return fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').split('\n').slice(-30).join('\n')
      : '';
  }

  /** Stops nginx (SIGQUIT: graceful) and waits for the exit. */
  async stop(): Promise<void> {
    await this.process.stop('SIGQUIT');
  }

  private async waitForHealth(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await fetch(`${this.url}/health`).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return;
      if (this.process.done || Date.now() > deadline) {
        throw new Error(
          `nginx on ${this.url} did not answer GET /health with 200 (last: ${status}):\n${this.process.tail()}\n${this.errorLog()}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
