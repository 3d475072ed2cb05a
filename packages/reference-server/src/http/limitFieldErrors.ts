import type { FieldError } from './ApiError.js';

/** Most field errors one problem reports (`Problem.errors`, maxItems in the spec). */
export const MAX_REPORTED_FIELD_ERRORS = 10;

/**
 * Cuts a list of field errors to the first {@link MAX_REPORTED_FIELD_ERRORS}, so an input with
 * thousands of bad fields gets a small answer (no error amplification).
 * @returns the errors to report and, when some were cut, how many there were in all
 *   (`Problem.errors_total`).
 */
export function limitFieldErrors(errors: readonly FieldError[]): {
  errors: FieldError[];
  total?: number;
} {
  if (errors.length <= MAX_REPORTED_FIELD_ERRORS) return { errors: [...errors] };
  return { errors: errors.slice(0, MAX_REPORTED_FIELD_ERRORS), total: errors.length };
}
