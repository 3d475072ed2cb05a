import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockHandlers, listOperations, loadSpec } from '../src/index.js';

const baseUrl = 'http://imkit.test';

describe('createMockHandlers', () => {
  const handlers = createMockHandlers(baseUrl);
  const server = setupServer(...handlers);

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('makes one handler per operation', () => {
    expect(handlers).toHaveLength(listOperations(loadSpec()).length);
  });

  it('answers an operation with its first 2xx example', async () => {
    const response = await fetch(`${baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', version: expect.any(String) });
  });

  it('matches path parameters', async () => {
    const response = await fetch(`${baseUrl}/conversations/c1`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: 'direct' });
  });

  it('answers a no-content operation with an empty body', async () => {
    const response = await fetch(`${baseUrl}/auth/logout`, { method: 'POST' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});
