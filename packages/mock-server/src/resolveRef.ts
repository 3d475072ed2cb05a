import type { OpenApiDocument } from './specPath.js';

/**
 * Follows local `$ref`s (`#/components/...`) until the value is not a reference.
 * Bundled specs only contain local references.
 */
export function resolveRef<T = unknown>(spec: OpenApiDocument, value: unknown): T {
  let current = value;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string') return current as T;
    current = ref
      .replace(/^#\//, '')
      .split('/')
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], spec);
  }
  throw new Error(`$ref chain too deep at ${JSON.stringify(value)}`);
}
