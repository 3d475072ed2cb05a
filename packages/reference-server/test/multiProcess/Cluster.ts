import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ImkitProcess } from './ImkitProcess.js';
import { NginxBalancer } from './NginxBalancer.js';
import { createPostgresDatabase, type PostgresDatabase } from './PostgresDatabase.js';
import { freePorts } from './ports.js';
import { RedisServerProcess } from './RedisServerProcess.js';

/**
 * Identical reference-server processes on one PostgreSQL database and one Redis, behind nginx:
 * the deployment the README's "More than one machine" describes, on this machine. Everything
 * it creates (database, Redis, processes, files) is its own and removed by {@link close}.
 */
export class Cluster {
  private constructor(
    readonly dir: string,
    readonly database: PostgresDatabase,
    readonly redis: RedisServerProcess,
    readonly processes: ImkitProcess[],
    readonly nginx: NginxBalancer,
  ) {}

  /** The load balancer's base URL. */
  get url(): string {
    return this.nginx.url;
  }

  /**
   * Creates a database, starts a redis-server, `count` server processes (at once, as an
   * operator would: they migrate the empty database concurrently) and nginx in front of them.
   * @throws Error naming what failed to start, with its output; whatever started is stopped.
   */
  static async start(count = 3): Promise<Cluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'imkit-mp-'));
    const [redisPort, nginxPort, ...serverPorts] = await freePorts(count + 2);
    const database = await createPostgresDatabase();
    const redis = new RedisServerProcess(redisPort!, dir);
    const started: ImkitProcess[] = [];
    try {
      await redis.start();
      const env = {
        IMKIT_DATABASE_URL: database.url,
        IMKIT_DATABASE_POOL_SIZE: '5',
        IMKIT_REDIS_URL: redis.url,
        IMKIT_REDIS_KEY_PREFIX: `imkit-mp:${randomBytes(4).toString('hex')}:`,
        IMKIT_JWT_SECRET: randomBytes(32).toString('hex'),
        IMKIT_RATE_LIMIT_SCALE: '100',
        IMKIT_TRUST_PROXY: 'true',
        IMKIT_SHUTDOWN_GRACE_MS: '5000',
        LOG_LEVEL: 'info',
      };
      const starting = serverPorts.map((port, i) =>
        ImkitProcess.start(
          `imkit-${i + 1}`,
          port,
          {
            ...env,
            IMKIT_DATA_DIR: path.join(dir, `imkit-${i + 1}`),
          },
          dir,
        ).then((process) => {
          started.push(process);
          return process;
        }),
      );
      const processes = await Promise.all(starting);
      const nginx = await NginxBalancer.start(nginxPort!, serverPorts, path.join(dir, 'nginx'));
      return new Cluster(dir, database, redis, processes, nginx);
    } catch (error) {
      await Promise.allSettled(started.map((process) => process.process.stop('SIGKILL')));
      await redis.kill();
      await database.drop();
      throw error;
    }
  }

  /**
   * Stops nginx, the processes still running (SIGTERM: graceful) and Redis, and drops the
   * database.
   * @param keepFiles keep the folder of logs (a failed run reports where it is).
   */
  async close(keepFiles: boolean): Promise<void> {
    await Promise.allSettled([
      this.nginx.stop(),
      ...this.processes.map((process) => process.process.stop('SIGTERM')),
    ]);
    await this.redis.kill();
    await this.database.drop();
    if (!keepFiles) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
