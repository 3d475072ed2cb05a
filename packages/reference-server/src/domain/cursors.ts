import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../http/ApiError.js';

/** A sort key stored in a cursor. */
export type CursorKey = string | number;

/** Bytes of HMAC-SHA256 kept in a cursor (128 bits). */
const TAG_BYTES = 16;

function invalid(parameter: string): ApiError {
  return new ApiError(422, 'cursor.invalid', 'The cursor is not valid for this list.', {
    errors: [
      {
        pointer: `/query/${parameter}`,
        detail: 'is not a cursor this server issued for this list',
        keyword: 'cursor',
      },
    ],
  });
}

/**
 * Opaque, tamper-evident pagination cursors: the sort keys as base64url JSON, then `.` and an
 * HMAC-SHA256 tag over the keys and the list's scope (e.g. `messages:<conversation id>`). A cursor
 * that was altered, made by another server, or issued for another list, caller or query is refused.
 */
export class CursorCodec {
  readonly #key: Buffer;

  /** @param secret the server secret the cursor key is derived from (HKDF-SHA256). */
  constructor(secret: string) {
    this.#key = Buffer.from(hkdfSync('sha256', secret, '', 'imkit pagination cursors', 32));
  }

  #tag(scope: string, payload: string): Buffer {
    return createHmac('sha256', this.#key)
      .update(`${scope}\n${payload}`)
      .digest()
      .subarray(0, TAG_BYTES);
  }

  /** Makes the cursor for the page after the row with these sort keys, in `scope`. */
  encode(scope: string, keys: readonly CursorKey[]): string {
    const payload = Buffer.from(JSON.stringify(keys)).toString('base64url');
    return `${payload}.${this.#tag(scope, payload).toString('base64url')}`;
  }

  /**
   * Reads a cursor made by {@link encode} for the same `scope`.
   * @param parameter the query parameter it came from, for the error pointer.
   * @param count how many sort keys the list's cursors hold.
   * @throws ApiError 422 `cursor.invalid` naming `/query/<parameter>` for any other string.
   */
  decode(scope: string, cursor: string, parameter: string, count: number): CursorKey[] {
    const [payload = '', tag = '', extra] = cursor.split('.');
    // Compared as text, so a differently spelled encoding of the same bytes is refused too.
    const expected = Buffer.from(this.#tag(scope, payload).toString('base64url'));
    const given = Buffer.from(tag);
    if (
      extra !== undefined ||
      given.length !== expected.length ||
      !timingSafeEqual(given, expected)
    )
      throw invalid(parameter);
    const keys = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(keys) || keys.length !== count) throw invalid(parameter);
    return keys as CursorKey[];
  }
}
