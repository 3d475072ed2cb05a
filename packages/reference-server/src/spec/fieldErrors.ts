import type { ErrorObject } from 'ajv';
import type { ErrorCode, FieldError } from '../http/ApiError.js';

/** A field error, and the problem code its schema calls for (`x-problem-code`) if any. */
export interface InputError extends FieldError {
  code?: ErrorCode;
}

/** Longest `pointer` and `detail` of a field error (`FieldError` in the spec). */
const MAX_TEXT = 500;

/** Cuts client-chosen text (a 10 KB property name) to the spec's bound, marking the cut. */
function clip(text: string): string {
  return text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT - 1)}…`;
}

interface Params {
  missingProperty?: string;
  additionalProperty?: string;
  error?: string;
  tag?: string;
  tagValue?: unknown;
}

function describe(error: ErrorObject, params: Params, where: string): string {
  if (params.additionalProperty) {
    return where === 'query'
      ? 'is not a query parameter of this operation'
      : `unknown property "${params.additionalProperty}"`;
  }
  if (error.keyword === 'discriminator' && params.error === 'mapping')
    return `${JSON.stringify(params.tagValue)} is not a ${params.tag} this request accepts`;
  if (error.keyword === 'discriminator') return 'must be a string naming the type';
  if (error.keyword === 'x-max-bytes')
    return `must be at most ${error.schema as number} bytes as UTF-8 JSON`;
  return error.message ?? 'is invalid';
}

/**
 * Turns ajv errors into field errors with a JSON pointer under `/<where>`, one per field (the
 * first keyword that failed there). A discriminator error points at the tag
 * (`/body/content/type`); a schema with `x-problem-code` lends its code. Pointers and details
 * are cut to the spec's 500 characters, since both can hold client-chosen property names.
 */
export function toFieldErrors(where: string, errors: ErrorObject[]): InputError[] {
  const byPointer = new Map<string, InputError>();
  for (const error of errors) {
    const params = error.params as Params;
    const extra = params.missingProperty ?? params.additionalProperty ?? params.tag;
    const pointer = `/${where}${error.instancePath}${extra ? `/${extra}` : ''}`;
    if (byPointer.has(pointer)) continue;
    const found: InputError = {
      pointer: clip(pointer),
      detail: clip(describe(error, params, where)),
      keyword: error.keyword,
    };
    const code = (error.parentSchema as { 'x-problem-code'?: ErrorCode } | undefined)?.[
      'x-problem-code'
    ];
    if (code && error.keyword === 'discriminator') found.code = code;
    byPointer.set(pointer, found);
  }
  return [...byPointer.values()];
}
