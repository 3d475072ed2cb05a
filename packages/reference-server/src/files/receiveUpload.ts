import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { ApiError, type FieldError } from '../http/ApiError.js';
import { ContentTooLarge, type FileStore, type ReceivedContent } from './FileStore.js';

/** Room for the multipart framing and the small form fields on top of the file itself, in bytes. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The most bytes of one form field's value (`conversation_id`, `expires_in_seconds`). */
const MAX_FIELD_BYTES = 1024;

/** A parsed `uploadFile` form: the content on disk (temporary) and the fields as sent. */
export interface ReceivedUpload {
  content: ReceivedContent;
  /** The part's file name as the client sent it (not yet made safe). */
  fileName: string | undefined;
  fields: Record<string, string>;
}

/** The 413 `file.too_large` problem (the rest of the body is not stored). */
export function tooLarge(maxBytes: number): ApiError {
  const mib = Math.floor(maxBytes / (1024 * 1024));
  return new ApiError(413, 'file.too_large', `Files are at most ${mib} MiB (${maxBytes} bytes).`);
}

function invalid(pointer: string, detail: string): ApiError {
  const error: FieldError = { pointer, detail, keyword: 'multipart' };
  return new ApiError(422, 'validation.failed', 'The request has 1 invalid field.', {
    errors: [error],
  });
}

function malformed(detail: string): ApiError {
  return new ApiError(400, 'request.malformed', detail);
}

/**
 * Reads a `multipart/form-data` upload (operation `uploadFile`) with busboy, streaming its one
 * `file` part into the store (see {@link FileStore.receive}) while collecting the small fields.
 * Nothing is held in memory but the fields and the first bytes kept for sniffing.
 * @param maxBytes the largest file accepted, in bytes.
 * @returns the upload; the caller keeps or discards its content.
 * @throws ApiError 413 `file.too_large` as soon as the file passes `maxBytes` (or at once when
 *   `Content-Length` shows it must), 400 `request.malformed` for a body that is not multipart or is
 *   cut off, 422 `validation.failed` pointing at `/body/file` when there is no file part or more
 *   than one, or at a field whose value is too long.
 */
export async function receiveUpload(
  req: IncomingMessage,
  store: FileStore,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    throw tooLarge(maxBytes);
  }
  if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
    throw malformed('Send the body as multipart/form-data with a `file` part.');
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // File names are UTF-8, as browsers and undici send them.
      defParamCharset: 'utf8',
      limits: {
        // One byte over the limit reaches the store, which refuses it.
        fileSize: maxBytes + 1,
        files: 1,
        fields: 8,
        parts: 9,
        fieldSize: MAX_FIELD_BYTES,
        headerPairs: 20,
      },
    });
  } catch {
    throw malformed('The multipart/form-data boundary is missing.');
  }
  return new Promise<ReceivedUpload>((resolve, reject) => {
    // No prototype: a field named `__proto__` is just a field.
    const fields: Record<string, string> = Object.create(null);
    let receiving: Promise<ReceivedContent | undefined> | undefined;
    let fileName: string | undefined;
    let fileStream: (NodeJS.ReadableStream & { destroy(): void }) | undefined;
    let failure: ApiError | undefined;
    let settled = false;
    const stop = (error: unknown) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.pause();
      fileStream?.destroy();
      // The rest of the body is not parsed (see lingerThenClose).
      void receiving?.then(async (content) => content && store.discard(content));
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || receiving) {
        stream.resume();
        failure ??= invalid(`/body/${name === 'file' ? 'file' : name}`, 'unexpected file part');
        return;
      }
      fileName = info.filename;
      fileStream = stream;
      receiving = store.receive(stream, maxBytes).then(
        (content) => content,
        (error: unknown) => {
          stop(error instanceof ContentTooLarge ? tooLarge(maxBytes) : error);
          return undefined;
        },
      );
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) failure ??= invalid(`/body/${name}`, 'is too long');
      else fields[name] = value;
    });
    parser.on('filesLimit', () => {
      failure ??= invalid('/body/file', 'send exactly one file part');
    });
    parser.on('partsLimit', () => {
      failure ??= invalid('/body', 'too many parts');
    });
    parser.on('fieldsLimit', () => {
      failure ??= invalid('/body', 'too many fields');
    });
    parser.on('error', () => stop(malformed('The multipart/form-data body is malformed.')));
    req.on('aborted', () => stop(malformed('The request body was cut off.')));
    parser.on('close', () => {
      void (async () => {
        const content = await receiving;
        if (settled) return;
        if (!content) return stop(failure ?? invalid('/body/file', 'is required'));
        if (failure) {
          await store.discard(content);
          return stop(failure);
        }
        settled = true;
        resolve({ content, fileName, fields });
      })();
    });
    req.pipe(parser);
  });
}
