import type { RawData } from 'ws';
import type { FieldError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { INVALID_FRAME_COST, RESUME_FRAME_COST } from './closeCodes.js';

type ClientFrame = Schema<'RealtimeClientFrame'>;

/** A client frame as read off the socket: valid (with `frame`) or not (with `errors`). */
export interface ReadFrame {
  frame?: ClientFrame;
  errors: FieldError[];
  /** What the frame takes from the socket's frame budget. */
  cost: number;
}

/**
 * Parses and validates one WebSocket message as a `RealtimeClientFrame` and prices it for the
 * frame budget: an invalid frame costs {@link INVALID_FRAME_COST}, a `resume`
 * {@link RESUME_FRAME_COST}, any other frame 1. Binary messages are invalid.
 */
export function readFrame(
  data: RawData,
  isBinary: boolean,
  validate: (frame: unknown) => FieldError[],
): ReadFrame {
  const parsed = isBinary ? undefined : parseJson(String(data));
  const errors =
    parsed === undefined
      ? [{ pointer: '/frame', detail: 'is not a JSON text frame' }]
      : validate(parsed);
  if (errors.length > 0) return { errors, cost: INVALID_FRAME_COST };
  const frame = parsed as ClientFrame;
  return { frame, errors, cost: frame.type === 'resume' ? RESUME_FRAME_COST : 1 };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
