import fs from 'node:fs';
import { createRequire } from 'node:module';
import { createImkitClient, type ImkitClient } from '@imkit/sdk';
import { checkResponse } from './contractCheck.js';
import type { TestUser } from './users.js';

interface HeaderObject {
  schema?: { const?: string; maxLength?: number };
}
interface ResponseObject {
  $ref?: string;
  headers?: Record<string, HeaderObject>;
  content?: Record<string, { schema?: { maxLength?: number } }>;
}
interface Spec {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
}

const spec = JSON.parse(
  fs.readFileSync(createRequire(import.meta.url).resolve('@imkit/openapi/openapi.json'), 'utf8'),
) as Spec;
const routes = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

/** Whether a documented media range (`*\/*`, `image/*`, `image/png`) covers a media type. */
function rangeCovers(range: string, mediaType: string): boolean {
  if (range === '*/*') return true;
  if (range.endsWith('/*')) return mediaType.startsWith(range.slice(0, -1));
  return range === mediaType;
}

/**
 * Checks a response whose body is not JSON (a file's bytes) against the spec without reading the
 * body: the status must be documented, its media ranges must cover the `Content-Type`, the
 * `Content-Length` must respect the schema's `maxLength`, and headers the spec fixes (`const`)
 * must have that value.
 * @returns the violations (empty when the response conforms).
 */
export function checkBinaryResponse(method: string, url: string, response: Response): string[] {
  const pathname = new URL(url).pathname;
  const route = routes.find((r) => r.pattern.test(pathname));
  const where = `${method} ${pathname} → ${response.status}`;
  if (!route) return [`${where}: no such path in the spec`];
  const documented =
    spec.paths[route.template]?.[method.toLowerCase()]?.responses?.[String(response.status)];
  if (!documented) return [`${where}: status not documented`];
  if (documented.$ref) return [`${where}: a shared response cannot carry a file`];
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const ranges = Object.keys(documented.content ?? {});
  const range = ranges.find((r) => rangeCovers(r, mediaType));
  const violations: string[] = [];
  if (!range) violations.push(`${where}: media type ${mediaType} not in ${ranges.join(', ')}`);
  const maxLength = range ? documented.content?.[range]?.schema?.maxLength : undefined;
  const length = Number(response.headers.get('content-length'));
  if (maxLength !== undefined && length > maxLength) {
    violations.push(`${where}: Content-Length ${length} over ${maxLength}`);
  }
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const value = response.headers.get(name);
    if (header.schema?.const !== undefined && value !== null && value !== header.schema.const) {
      violations.push(`${where}: header ${name} is ${value}, not ${header.schema.const}`);
    }
    if (header.schema?.maxLength !== undefined && value && value.length > header.schema.maxLength) {
      violations.push(`${where}: header ${name} longer than ${header.schema.maxLength}`);
    }
  }
  return violations;
}

const violations: string[] = [];

/** Returns and clears the violations {@link fileCheckingFetch} recorded. */
export function takeFileViolations(): string[] {
  return violations.splice(0, violations.length);
}

const JSON_TYPES = /^application\/(problem\+)?json/;

/**
 * A `fetch` that checks every response against the spec like `contractCheckingFetch`, but
 * leaves non-JSON bodies (downloads) unread, checking them with {@link checkBinaryResponse}, and
 * never copies a request body (uploads stream through).
 */
export const fileCheckingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  const type = response.headers.get('content-type') ?? '';
  if (JSON_TYPES.test(type)) {
    const text = await response.clone().text();
    const body = text === '' ? undefined : (JSON.parse(text) as unknown);
    violations.push(...checkResponse(request.method, request.url, response.status, type, body));
  } else if (type === '' || [204, 304, 416].includes(response.status)) {
    const text = await response.clone().text();
    violations.push(
      ...checkResponse(
        request.method,
        request.url,
        response.status,
        type,
        text === '' ? undefined : text,
      ),
    );
  } else {
    violations.push(...checkBinaryResponse(request.method, request.url, response));
  }
  return response;
};

/** An SDK client logged in as `user` whose responses go through {@link fileCheckingFetch}. */
export async function fileClient(url: string, user: TestUser): Promise<ImkitClient> {
  const client = createImkitClient({ baseUrl: url, fetch: fileCheckingFetch });
  await client.setTokens(await user.client.getTokens());
  return client;
}
