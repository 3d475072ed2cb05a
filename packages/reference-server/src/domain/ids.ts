import { v7 as uuidv7 } from 'uuid';

/** A new id: a UUIDv7 (RFC 9562), so ids sort by creation time. */
export function newId(): string {
  return uuidv7();
}
