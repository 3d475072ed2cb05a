/**
 * A message between server processes over Redis pub/sub: JSON of an object whose `origin` is
 * the publishing process's id, beside the message's own fields.
 */
export type Envelope = Record<string, unknown> & { origin: string };

/** The JSON text of `fields` sent from process `origin`. */
export function encodeEnvelope(origin: string, fields: Record<string, unknown>): string {
  return JSON.stringify({ ...fields, origin });
}

/**
 * Reads a message sent by another process.
 * @returns the envelope; `'own'` when `origin` is `self` (the process already acted locally);
 *   undefined when the text is not JSON of an object with a string `origin`.
 */
export function openEnvelope(text: string, self: string): Envelope | 'own' | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const envelope = value as Record<string, unknown>;
  if (typeof envelope.origin !== 'string') return undefined;
  return envelope.origin === self ? 'own' : (envelope as Envelope);
}
