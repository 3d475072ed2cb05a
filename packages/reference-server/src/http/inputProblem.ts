import type { InputError } from '../spec/compileValidators.js';
import { ApiError } from './ApiError.js';

/**
 * The 422 problem for invalid inputs: `validation.failed` naming every field at fault, or, when
 * a schema calls for its own code (`x-problem-code`, e.g. `message.content_not_sendable`), that
 * code with the fields that called for it.
 */
export function inputProblem(errors: InputError[]): ApiError {
  const code = errors.find((error) => error.code)?.code;
  const chosen = code ? errors.filter((error) => error.code === code) : errors;
  const fields = chosen.map(({ pointer, detail, keyword }) => ({ pointer, detail, keyword }));
  const noun = fields.length === 1 ? 'field' : 'fields';
  return new ApiError(
    422,
    code ?? 'validation.failed',
    `The request has ${fields.length} invalid ${noun}.`,
    {
      errors: fields,
    },
  );
}
