import type { InputError } from '../spec/compileValidators.js';
import { ApiError } from './ApiError.js';

/** Longest `pointer` and `detail` of a field error (`FieldError` in the spec). */
const MAX_TEXT = 500;

/** Cuts client-chosen text (a 10 KB property name) to the spec's bound, marking the cut. */
function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

/**
 * The 422 problem for invalid inputs: `validation.failed` naming every field at fault, or, when
 * a schema calls for its own code (`x-problem-code`, e.g. `message.content_not_sendable`), that
 * code with the fields that called for it. Pointers and details are cut to 500 characters.
 */
export function inputProblem(errors: InputError[]): ApiError {
  const code = errors.find((error) => error.code)?.code;
  const chosen = code ? errors.filter((error) => error.code === code) : errors;
  const fields = chosen.map(({ pointer, detail, keyword }) => ({
    pointer: clip(pointer),
    detail: clip(detail),
    keyword,
  }));
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
