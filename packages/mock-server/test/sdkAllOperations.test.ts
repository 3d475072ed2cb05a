import { createSchemaValidator, pointerToken } from '@imkit/openapi/schema-validator';
import { createImkitClient, type ImkitClient } from '@imkit/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  freePort,
  listOperations,
  loadSpec,
  type PrismMock,
  startPrismMock,
} from '../src/index.js';
import { exampleInput } from './exampleInput.js';

const spec = loadSpec();
const validateAt = createSchemaValidator(spec);
/** Operations the SDK calls as plain JSON request/response; the others are checked below. */
const NOT_JSON = new Set(['connectRealtime', 'uploadFile', 'downloadFile']);
const operations = listOperations(spec).filter((op) => !NOT_JSON.has(op.operationId));

type LooseMethod = (input?: object) => Promise<unknown>;

/** Errors of `body` against each JSON 2xx schema of the operation; empty when one of them accepts it. */
function successErrors(op: (typeof operations)[number], body: unknown): string[] {
  const responses = op.operation.responses as Record<string, { content?: object }>;
  const tries = Object.entries(responses)
    .filter(([status, response]) => status.startsWith('2') && response.content)
    .map(([status]) =>
      validateAt(
        `/paths/${pointerToken(op.path)}/${op.method}/responses/${status}/content/application~1json/schema`,
        body,
      ),
    );
  if (tries.length === 0) return body === undefined ? [] : ['expected no body'];
  return tries.find((errors) => errors.length === 0) ?? tries[0]!;
}

describe('every operation answers on the Prism mock through the SDK', () => {
  let mock: PrismMock;
  let client: ImkitClient;

  beforeAll(async () => {
    mock = await startPrismMock({ port: await freePort() });
    client = createImkitClient({ baseUrl: mock.url });
  }, 60_000);

  // Logged in before every call: `logout` (answered 204 by the mock) clears the SDK's tokens.
  beforeEach(async () => {
    await client.setTokens({
      access_token: 'mock-access-token',
      refresh_token: 'mock-refresh-token',
      access_expires_at: Date.now() + 3_600_000,
      user_id: '0192f5a8-8a55-7c2e-9b1e-3f6a1c2d4e5f',
    });
  });

  afterAll(async () => {
    await mock?.close();
  });

  it('covers every operation of the spec but the realtime upgrade', () => {
    expect(operations.length + NOT_JSON.size).toBe(listOperations(spec).length);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s answers 2xx with a body that fits the spec',
    async (operationId, op) => {
      const { contentType: _, ...input } = exampleInput(spec, op);
      const method = (client as unknown as Record<string, LooseMethod>)[operationId];
      expect(method, `the SDK has no method ${operationId}`).toBeTypeOf('function');
      const body = await method!(input);
      expect(successErrors(op, body)).toEqual([]);
    },
  );

  it('uploads a file as multipart/form-data', async () => {
    const form = new FormData();
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    const { data, response } = await client.raw.POST('/files', { body: form as never });
    expect(response.status).toBe(201);
    expect(validateAt('/components/schemas/FileInfo', data)).toEqual([]);
  });

  it('downloads a file as bytes', async () => {
    const { response } = await client.raw.GET('/files/{file_id}/content', {
      params: { path: { file_id: '0192f5ad-6c77-7ea8-8718-293a4b5c6d84' } },
      // The download is `*/*` (the sniffed type) or octet-stream; ask Prism for the latter.
      headers: { Accept: 'application/octet-stream' },
      parseAs: 'blob',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/octet-stream');
  });
});
