import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FieldError } from '../http/ApiError.js';
import { toFieldErrors } from '../spec/fieldErrors.js';
import type { OpenApiDocument } from '../spec/loadSpec.js';

const SPEC_ID = 'imkit-realtime-frames.json';

interface FrameUnion {
  oneOf: { $ref: string }[];
}

/**
 * Compiles a cheap validator for `RealtimeClientFrame`: the frame's `type` picks its schema
 * (the union's discriminator), and ajv stops at the first error (no `allErrors`), so a frame
 * with thousands of bad properties costs one error, not thousands (issue 6 #1).
 * @returns a function giving the frame's first field error, or none when it is valid.
 */
export function compileFrameValidator(spec: OpenApiDocument): (frame: unknown) => FieldError[] {
  const ajv = addFormats.default(new Ajv2020.default({ strict: false, allErrors: false }));
  ajv.addSchema(spec, SPEC_ID);
  const schemas = spec.components.schemas as Record<string, unknown>;
  const byType = new Map<string, ValidateFunction>();
  for (const { $ref } of (schemas.RealtimeClientFrame as FrameUnion).oneOf) {
    const name = $ref.split('/').pop()!;
    const type = (schemas[name] as { properties: { type: { const: string } } }).properties.type;
    byType.set(type.const, ajv.compile({ $ref: `${SPEC_ID}#/components/schemas/${name}` }));
  }
  return (frame) => {
    const type = (frame as { type?: unknown } | null)?.type;
    const validate = typeof type === 'string' ? byType.get(type) : undefined;
    if (!validate)
      return [
        { pointer: '/frame/type', detail: 'is not a client frame type', keyword: 'discriminator' },
      ];
    if (validate(frame)) return [];
    return toFieldErrors('frame', validate.errors!.slice(0, 1));
  };
}
