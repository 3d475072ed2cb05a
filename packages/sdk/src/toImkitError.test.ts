import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, problem } from '../test/fakeFetch.js';
import { createImkitClient } from './createImkitClient.js';
import { ImkitError, isImkitError } from './ImkitError.js';
import { errorFromResponse, networkError } from './toImkitError.js';

describe('ImkitError mapping', () => {
  it('maps a validation problem response to code, status and field errors', async () => {
    const errors = [
      {
        pointer: '/body/content/text',
        detail: 'must NOT have fewer than 1 characters',
        keyword: 'minLength',
      },
    ];
    const { fetch } = createFakeFetch(() =>
      problem(422, 'validation.failed', {
        detail: 'The request has 1 invalid field.',
        errors,
        retryable: false,
      }),
    );
    const client = createImkitClient({ baseUrl: 'http://imkit.test', fetch });
    const error = await client
      .sendMessage({
        path: { conversation_id: 'c1' },
        body: { client_message_id: 'x', content: { type: 'text', text: '' } },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImkitError);
    expect(error).toMatchObject({
      name: 'ImkitError',
      status: 422,
      code: 'validation.failed',
      message: 'The request has 1 invalid field.',
      errors,
      retryable: false,
      operationId: 'sendMessage',
    });
    expect((error as ImkitError).problem?.type).toBe(
      'https://imkit.dev/problems/validation.failed',
    );
  });

  it('uses the title when there is no detail, and marks 429 retryable', () => {
    const body = {
      type: 'about:blank',
      title: 'Too many requests',
      status: 429,
      code: 'rate_limited',
    };
    const error = errorFromResponse(body, new Response(null, { status: 429 }), 'login');
    expect(error).toMatchObject({ message: 'Too many requests', retryable: true, errors: [] });
  });

  it('maps a body that is not a problem to response.unexpected', () => {
    const response = new Response(null, { status: 502, statusText: 'Bad Gateway' });
    const error = errorFromResponse('<html>', response);
    expect(error).toMatchObject({
      code: 'response.unexpected',
      status: 502,
      message: 'HTTP 502 Bad Gateway',
      retryable: true,
    });
  });

  it('turns a failed fetch into network.failed with status 0', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const client = createImkitClient({ baseUrl: 'http://imkit.test', fetch });
    const error = await client.getHealth().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'network.failed',
      status: 0,
      retryable: true,
      operationId: 'getHealth',
    });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('rethrows an abort as the signal reason, not as an ImkitError', async () => {
    const { fetch } = createFakeFetch(() => json(200, {}));
    const client = createImkitClient({ baseUrl: 'http://imkit.test', fetch });
    const error = await client.getHealth({ signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isImkitError(error)).toBe(false);
    expect((error as Error).name).toBe('AbortError');
  });

  it('narrows by code in isImkitError', () => {
    const error = networkError(new Error('ECONNREFUSED'));
    expect(isImkitError(error, 'network.failed')).toBe(true);
    expect(isImkitError(error, 'internal')).toBe(false);
    expect(isImkitError(new Error('x'))).toBe(false);
  });
});
