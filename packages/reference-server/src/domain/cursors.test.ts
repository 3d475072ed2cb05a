import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/ApiError.js';
import { CursorCodec } from './cursors.js';

const codec = new CursorCodec('a server secret that is long enough');

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return undefined;
}

describe('CursorCodec', () => {
  it('reads back the keys of a cursor it made for the same scope', () => {
    const cursor = codec.encode('friends:u1', ['alice', 'id-1']);
    expect(codec.decode('friends:u1', cursor, 'after', 2)).toEqual(['alice', 'id-1']);
  });

  it('refuses a cursor of another scope, another server, or an altered one (issue 6 #6)', () => {
    const cursor = codec.encode('messages:c1', [42]);
    const [payload] = cursor.split('.');
    const bumped = Buffer.from(JSON.stringify([43])).toString('base64url');
    const other = new CursorCodec('another secret').encode('messages:c1', [42]);
    for (const bad of [other, cursor.replace(payload!, bumped), `${cursor}x`, '', '.', 'a.b.c']) {
      expect(code(() => codec.decode('messages:c1', bad, 'after', 1))).toBe('cursor.invalid');
    }
    expect(code(() => codec.decode('messages:c2', cursor, 'after', 1))).toBe('cursor.invalid');
    expect(code(() => codec.decode('messages:c1', cursor, 'after', 2))).toBe('cursor.invalid');
  });
});
