import { ApiError } from '../http/ApiError.js';

/**
 * Opaque pagination cursors: a JSON array of the sort keys, base64url-encoded, tagged with
 * the list it belongs to so a cursor from one list is rejected by another.
 */
export function encodeCursor(list: string, keys: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...keys])).toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor} for `list`.
 * @param parameter the query parameter it came from, for the error pointer.
 * @throws ApiError 422 `validation.failed` pointing at `/query/<parameter>` when the cursor is not ours.
 */
export function decodeCursor(list: string, cursor: string, parameter: string): (string | number)[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed[0] === list && parsed.length > 1) {
      const keys = parsed.slice(1) as unknown[];
      if (keys.every((k) => typeof k === 'string' || typeof k === 'number')) {
        return keys as (string | number)[];
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw new ApiError(422, 'validation.failed', 'The cursor is not valid for this list.', {
    errors: [
      {
        pointer: `/query/${parameter}`,
        detail: 'is not a cursor from this list',
        keyword: 'cursor',
      },
    ],
  });
}
