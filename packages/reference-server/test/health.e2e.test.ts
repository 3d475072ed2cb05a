import { afterEach, describe, expect, it } from 'vitest';
import { rawRequest } from './support/rawRequest.js';
import { startTestServer, type TestServer } from './support/testServer.js';
import { newClient } from './support/users.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** What `checks.redis` says for this server: the suite runs with and without Redis. */
function configuredRedis(server: TestServer): string {
  return server.server.services.redisState?.() ?? 'not_configured';
}

describe('GET /health', () => {
  it('reports the database up and the state of Redis', async () => {
    t = await startTestServer();
    const health = await newClient(t.url).getHealth();
    const redis = configuredRedis(t);
    expect(health.checks).toEqual({ database: 'up', redis });
    expect(health.status).toBe(redis === 'down' ? 'degraded' : 'ok');
  });

  it('still answers 200 when Redis is down, reporting it (the process keeps serving)', async () => {
    t = await startTestServer();
    t.server.services.redisState = () => 'down';
    const answer = await rawRequest(t.url, 'GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      status: 'degraded',
      checks: { database: 'up', redis: 'down' },
    });
  });

  it('answers 503 unavailable, with the same body shape, once the database is gone', async () => {
    t = await startTestServer();
    await t.server.services.db.destroy();
    const answer = await rawRequest(t.url, 'GET', '/health');
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      status: 'unavailable',
      checks: { database: 'down', redis: configuredRedis(t) },
    });
  });
});
