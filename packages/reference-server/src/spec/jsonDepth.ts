import type { FieldError } from '../http/ApiError.js';

interface Frame {
  value: unknown;
  depth: number;
  parent?: Frame;
  key?: string;
}

function pointerOf(frame: Frame): string {
  const keys: string[] = [];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) {
    keys.push(at.key.replaceAll('~', '~0').replaceAll('/', '~1'));
  }
  return keys
    .reverse()
    .map((key) => `/${key}`)
    .join('');
}

/**
 * Checks that a parsed JSON value nests at most `maxDepth` objects and arrays deep (the spec's
 * `x-max-json-depth`). Iterative, so a 100,000-deep value costs no stack; run it before anything
 * recursive (validation, serialisation) touches the value.
 * @param root prefix of the pointer, e.g. `/body`.
 * @returns one field error at the first container past the limit, or none.
 */
export function checkJsonDepth(value: unknown, maxDepth: number, root: string): FieldError[] {
  const stack: Frame[] = [{ value, depth: 0 }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    if (frame.value === null || typeof frame.value !== 'object') continue;
    const depth = frame.depth + 1;
    if (depth > maxDepth) {
      const detail = `nests deeper than ${maxDepth} levels`;
      return [{ pointer: `${root}${pointerOf(frame)}`, detail, keyword: 'x-max-json-depth' }];
    }
    for (const [key, child] of Object.entries(frame.value)) {
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, depth, parent: frame, key });
    }
  }
  return [];
}
