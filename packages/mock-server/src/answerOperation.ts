import { type HttpHandler, HttpResponse } from 'msw';
import { createOpenApiHttp } from 'openapi-msw';
import { listOperations, type SpecOperation } from './listOperations.js';
import { resolveRef } from './resolveRef.js';
import type { OpenApiDocument } from './specPath.js';

/** A success (or any) answer given as it is: status, JSON body and headers. */
export interface PlainAnswer {
  status: number;
  /** Sent as JSON; omit for an empty body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * A problem-details answer named by its stable code (the spec's `ErrorCode`), e.g.
 * `{ problem: 'message.blocked' }`. The status is the one the operation documents for that code
 * unless given; `detail` defaults to the spec's example detail.
 */
export interface ProblemAnswer {
  problem: string;
  status?: number;
  detail?: string;
  /** Fields at fault, as in `Problem.errors` (`{ pointer, detail }`). */
  errors?: { pointer: string; detail: string }[];
}

/** What {@link mockOperation} answers instead of the operation's example. */
export type MockAnswer = PlainAnswer | ProblemAnswer;

interface ResponseObject {
  description?: string;
  content?: Record<string, { example?: { code?: string; title?: string; detail?: string } }>;
}

function findOperation(spec: OpenApiDocument, operationId: string): SpecOperation {
  const operations = listOperations(spec);
  const found = operations.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`the spec has no operation "${operationId}"`);
  return found;
}

function errorCodes(spec: OpenApiDocument): string[] {
  const schema = spec.components?.schemas?.ErrorCode as { enum?: string[] } | undefined;
  return schema?.enum ?? [];
}

/** The operation's documented error responses, with their references resolved. */
function errorResponses(spec: OpenApiDocument, op: SpecOperation) {
  const responses = (op.operation.responses ?? {}) as Record<string, unknown>;
  return Object.entries(responses)
    .filter(([status]) => /^[45]\d\d$/.test(status))
    .map(([status, response]) => ({
      status: Number(status),
      response: resolveRef<ResponseObject>(spec, response),
    }));
}

/** `message.blocked` → `Message blocked`: a readable title when the spec has no example for it. */
function titleOf(code: string): string {
  const words = code.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The problem-details response for a named code, checked against what the operation documents. */
function problemResponse(spec: OpenApiDocument, op: SpecOperation, answer: ProblemAnswer) {
  if (!errorCodes(spec).includes(answer.problem)) {
    throw new Error(`"${answer.problem}" is not an error code of the spec`);
  }
  const documented = errorResponses(spec, op);
  const mentions = ({ response }: (typeof documented)[number]) => {
    const example = response.content?.['application/problem+json']?.example;
    return (
      example?.code === answer.problem || (response.description ?? '').includes(answer.problem)
    );
  };
  const match =
    answer.status === undefined
      ? documented.find(mentions)
      : documented.find((entry) => entry.status === answer.status);
  if (!match) {
    const which = answer.status === undefined ? `"${answer.problem}"` : `status ${answer.status}`;
    throw new Error(
      `${op.operationId} documents no response for ${which}; pass a documented status`,
    );
  }
  const example = match.response.content?.['application/problem+json']?.example;
  const sameCode = example?.code === answer.problem;
  const body = {
    type: `https://imkit.dev/problems/${answer.problem}`,
    title: sameCode && example?.title ? example.title : titleOf(answer.problem),
    status: match.status,
    detail: answer.detail ?? (sameCode ? example?.detail : undefined) ?? titleOf(answer.problem),
    code: answer.problem,
    ...(answer.errors ? { errors: answer.errors } : {}),
  };
  return HttpResponse.json(body, {
    status: match.status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/**
 * One MSW handler that answers one operation of `spec` the way a test needs, instead of its
 * documented example. Imports nothing from Node (browser entry); in Node, {@link mockOperation}
 * reads the bundled spec for you.
 * @throws Error when the spec has no such operation, the code is not an `ErrorCode`, or the
 *   operation documents no response for that code or status (so mocks stay within the contract).
 */
export function answerOperation(
  spec: OpenApiDocument,
  baseUrl: string,
  operationId: string,
  answer: MockAnswer,
): HttpHandler {
  const op = findOperation(spec, operationId);
  let respond: () => Response;
  if ('problem' in answer) {
    // Built once now, so a wrong code fails where the test names it, not at request time.
    problemResponse(spec, op, answer);
    respond = () => problemResponse(spec, op, answer);
  } else {
    const { status, body, headers } = answer;
    respond = () =>
      body === undefined
        ? new HttpResponse(null, { status, headers })
        : HttpResponse.json(body, { status, headers });
  }
  const http = createOpenApiHttp<Record<string, Record<string, unknown>>>({ baseUrl });
  return http[op.method as 'get'](op.path, respond);
}
