import type { Client } from 'openapi-fetch';
import type { paths } from './generated/openapi.js';
import { operationRoutes } from './generated/operations.js';
import type { OperationId, OperationMethods } from './operationTypes.js';
import { errorFromResponse, networkError } from './toImkitError.js';

/** The loose shape of an operation input, as the runtime sees it. */
interface LooseInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type LooseResult = { data?: unknown; error?: unknown; response: Response };
type LooseRequest = (method: string, path: string, init: object) => Promise<LooseResult>;

/**
 * Builds one method per operation of `operationRoutes` on top of the openapi-fetch client:
 * resolves with the 2xx body, throws `ImkitError` on anything else (status 0 when no answer).
 */
export function createOperationMethods(raw: Client<paths>): OperationMethods {
  const request = raw.request as unknown as LooseRequest;
  const call = async (operationId: OperationId, input: LooseInput = {}) => {
    const { method, path } = operationRoutes[operationId];
    const result = await send(request, method, path, input, operationId);
    if (!result.response.ok) throw errorFromResponse(result.error, result.response, operationId);
    return result.data;
  };
  const entries = Object.keys(operationRoutes).map((id) => [
    id,
    (input?: LooseInput) => call(id as OperationId, input),
  ]);
  return Object.fromEntries(entries) as OperationMethods;
}

async function send(
  request: LooseRequest,
  method: string,
  path: string,
  input: LooseInput,
  operationId: OperationId,
): Promise<LooseResult> {
  const { path: pathParams, query, body, headers, signal } = input;
  try {
    return await request(method, path, {
      params: { path: pathParams, query },
      body,
      headers,
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw networkError(error, operationId);
  }
}
