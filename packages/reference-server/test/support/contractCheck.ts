import fs from 'node:fs';
import { createRequire } from 'node:module';
import { createSchemaValidator, pointerToken } from '@imkit/openapi/schema-validator';

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema: unknown }>;
}

interface Spec {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components: { responses?: Record<string, ResponseObject> };
}

const spec = JSON.parse(
  fs.readFileSync(createRequire(import.meta.url).resolve('@imkit/openapi/openapi.json'), 'utf8'),
) as Spec;
const validateAt = createSchemaValidator(spec);

const routes = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));
/**
 * Checks one HTTP response against the spec: the operation must exist, must document the
 * status, and the body must validate against the documented schema for its media type.
 * @returns a list of violations (empty when the response conforms).
 */
export function checkResponse(
  method: string,
  url: string,
  status: number,
  contentType: string,
  body: unknown,
): string[] {
  const pathname = new URL(url).pathname;
  const route = routes.find((r) => r.pattern.test(pathname));
  const where = `${method} ${pathname} → ${status}`;
  if (!route) return [`${where}: no such path in the spec`];
  const operation = spec.paths[route.template]?.[method.toLowerCase()];
  if (!operation) return [`${where}: method not in the spec`];
  const documented = operation.responses?.[String(status)];
  if (!documented) return [`${where}: status not documented`];
  const response = documented.$ref
    ? spec.components.responses?.[documented.$ref.split('/').pop()!]
    : documented;
  if (!response) return [`${where}: unresolved ${documented.$ref}`];
  if (!response.content)
    return body === undefined ? [] : [`${where}: documented without a body, got one`];
  const mediaType = contentType.split(';')[0]!.trim();
  if (!response.content[mediaType]) return [`${where}: media type ${mediaType} not documented`];
  const base = documented.$ref
    ? documented.$ref.slice(1)
    : `/paths/${pointerToken(route.template)}/${method.toLowerCase()}/responses/${status}`;
  const errors = validateAt(`${base}/content/${pointerToken(mediaType)}/schema`, body);
  return errors.map((error) => `${where}: ${error}`);
}

/** Every violation seen by {@link contractCheckingFetch} since the last {@link takeViolations}. */
const violations: string[] = [];

/** Returns and clears the contract violations recorded so far. */
export function takeViolations(): string[] {
  return violations.splice(0, violations.length);
}

/**
 * A `fetch` that checks every response it returns against the spec and records
 * violations; give it to the SDK so every HTTP exchange of a test is checked.
 */
export const contractCheckingFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  const text = await response.clone().text();
  const body = text === '' ? undefined : (JSON.parse(text) as unknown);
  violations.push(
    ...checkResponse(
      request.method,
      request.url,
      response.status,
      response.headers.get('content-type') ?? '',
      body,
    ),
  );
  return response;
};
