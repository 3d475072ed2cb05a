import { createImkitClient, type ImkitClient, type ImkitError, isImkitError } from '@imkit/sdk';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMockHandlers, mockOperation } from '../src/index.js';

const baseUrl = 'http://imkit.test';

describe('mockOperation: one operation answered the way a test needs', () => {
  const server = setupServer(...createMockHandlers(baseUrl));
  let client: ImkitClient;

  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' });
    // After listen: the client takes the fetch MSW intercepts.
    client = createImkitClient({ baseUrl });
  });
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const send = () =>
    client.sendMessage({
      path: { conversation_id: 'c1' },
      body: { client_message_id: 'm1', content: { type: 'text', text: 'hi' } },
    });

  it('answers a named problem with the status the operation documents for it', async () => {
    server.use(mockOperation(baseUrl, 'sendMessage', { problem: 'message.blocked' }));
    const error = await send().catch((e: unknown) => e);
    expect(isImkitError(error, 'message.blocked')).toBe(true);
    expect((error as ImkitError).status).toBe(403);
    // Only the overridden operation changes; the rest keep their examples.
    expect((await client.getHealth()).status).toBe('ok');
  });

  it('answers a given success body, and falls back to the example after reset', async () => {
    const example = await client.getMe();
    server.use(
      mockOperation(baseUrl, 'getMe', { status: 200, body: { ...example, nickname: 'X' } }),
    );
    expect((await client.getMe()).nickname).toBe('X');
    server.resetHandlers();
    expect((await client.getMe()).nickname).toBe(example.nickname);
  });

  it('refuses, where the test is written, a code the spec lacks or the operation does not document', () => {
    expect(() => mockOperation(baseUrl, 'sendMessage', { problem: 'no.such_code' })).toThrow(
      /not an error code/,
    );
    expect(() => mockOperation(baseUrl, 'getHealth', { problem: 'message.blocked' })).toThrow(
      /getHealth documents no response/,
    );
    expect(() => mockOperation(baseUrl, 'noSuchOperation', { status: 200 })).toThrow(
      /no operation "noSuchOperation"/,
    );
  });
});
