import { ApiError } from '../http/ApiError.js';

/**
 * Refuses fields that are in the contract but that this server does not implement yet, rather than
 * storing a request without them: the client learns at once that its reply, mention or `ext` was
 * not kept. Call it before anything is written.
 * @param root pointer prefix of `body`, e.g. `/body`.
 * @throws ApiError 422 `request.field_not_implemented` with one field error per such field present.
 */
export function refuseUnimplementedFields(
  body: object,
  fields: readonly string[],
  root = '/body',
): void {
  const present = fields.filter((field) => (body as Record<string, unknown>)[field] !== undefined);
  if (present.length === 0) return;
  throw new ApiError(
    422,
    'request.field_not_implemented',
    `This server does not support ${present.join(', ')} yet; nothing was stored.`,
    {
      errors: present.map((field) => ({
        pointer: `${root}/${field}`,
        detail: 'is not supported by this server yet',
        keyword: 'x-not-implemented',
      })),
    },
  );
}
