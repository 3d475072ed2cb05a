/**
 * File helpers of @imkit/sdk for Node: uploading from a path and downloading to a path or a
 * stream, never holding a whole file in memory (operations `uploadFile` and `downloadFile`).
 *
 * In browsers, upload with a `FormData` directly (the `file` part carries the name; the server
 * sniffs the content type from the bytes):
 * @example
 * const form = new FormData();
 * form.append('file', input.files[0]);
 * const file = await client.uploadFile({ body: form });
 * await client.sendMessage({
 *   path: { conversation_id },
 *   body: { client_message_id: newClientMessageId(), content: { type: 'image', file_id: file.id } },
 * });
 * @packageDocumentation
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { ImkitClient } from './createImkitClient.js';
import type { FileInfo } from './generated/openapi.js';
import { errorFromResponse, networkError } from './toImkitError.js';

/** Options of {@link uploadFileFromPath}. */
export interface UploadFileOptions {
  /** The file name the server keeps. Default: the path's base name. */
  name?: string;
  /** A conversation whose members may download the file before it is sent (you must be a member). */
  conversationId?: string;
  /** Seconds an unsent upload is kept (3600 to 2592000). Default: the server's setting. */
  expiresInSeconds?: number;
  signal?: AbortSignal;
}

/**
 * Uploads a file from disk (operation `uploadFile`), streaming it from the disk to the server
 * (a file-backed `Blob`, `fs.openAsBlob`), so a 50 MiB file never sits in memory.
 * @param filePath a path on this machine.
 * @returns the stored file: its `id` goes in image, audio, video or file messages.
 * @throws the `fs` error when the path cannot be read (`ENOENT`, `EACCES`, `EISDIR` for a
 *   folder); `ImkitError` for a refusal: 413
 *   `file.too_large`, 422 `file.type_not_allowed` (executables), 422 `validation.failed`.
 */
export async function uploadFileFromPath(
  client: ImkitClient,
  filePath: string,
  options: UploadFileOptions = {},
): Promise<FileInfo> {
  // openAsBlob reports a missing file without its code: check first, with the usual fs errors.
  const stat = await fsp.stat(filePath);
  if (!stat.isFile()) {
    throw Object.assign(new Error(`${filePath} is not a file`), { code: 'EISDIR', path: filePath });
  }
  await fsp.access(filePath, fs.constants.R_OK);
  const blob = await fs.openAsBlob(filePath);
  const form = new FormData();
  form.append('file', blob, options.name ?? path.basename(filePath));
  if (options.conversationId !== undefined) form.append('conversation_id', options.conversationId);
  if (options.expiresInSeconds !== undefined) {
    form.append('expires_in_seconds', String(options.expiresInSeconds));
  }
  // The auth middleware never copies a multipart body for a retry (the copy would hold it whole).
  return client.uploadFile({ body: form, signal: options.signal });
}

/** Options of {@link openFileDownload}. */
export interface DownloadOptions {
  /** An `etag` held from before: when still current the answer is `notModified`. */
  ifNoneMatch?: string;
  /** Bytes `start`..`end` (inclusive; `end` omitted: to the end of the file). */
  range?: { start: number; end?: number };
  signal?: AbortSignal;
}

/** An open download: the body still to be read. */
export interface FileDownload {
  /** 200 (whole file), 206 (the range asked for) or 304 (`ifNoneMatch` still current, no body). */
  status: 200 | 206 | 304;
  /** The content (empty for 304); read it once. */
  body: Readable;
  /** The content type the server sniffed at upload. */
  contentType: string | null;
  /** Bytes of this answer's body. */
  contentLength: number | null;
  etag: string | null;
  /** The file name from `Content-Disposition` (`filename*` preferred), or null. */
  fileName: string | null;
  /** `Content-Range` of a 206. */
  contentRange: string | null;
}

/** The file name of a `Content-Disposition` header: `filename*` (RFC 5987) or `filename`. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall back to the plain parameter
    }
  }
  const plain =
    /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? plain[1]!.replace(/\\(.)/g, '$1').trim() : null;
}

/**
 * Starts downloading a file's content (operation `downloadFile`) and hands back its body as a
 * Node stream, with the metadata from the headers.
 * @throws `ImkitError`: 404 `file.not_found` (no such file or not one you may read), 410
 *   `file.expired`, 416 `response.unexpected` for a range past the end.
 */
export async function openFileDownload(
  client: ImkitClient,
  fileId: string,
  options: DownloadOptions = {},
): Promise<FileDownload> {
  const headers: Record<string, string> = {};
  if (options.ifNoneMatch) headers['If-None-Match'] = options.ifNoneMatch;
  if (options.range) headers.Range = `bytes=${options.range.start}-${options.range.end ?? ''}`;
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await client.raw.GET('/files/{file_id}/content', {
      params: { path: { file_id: fileId } },
      headers,
      parseAs: 'stream',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkError(error, 'downloadFile');
  }
  const { response } = result;
  if (response.status !== 200 && response.status !== 206 && response.status !== 304) {
    throw errorFromResponse(result.error, response, 'downloadFile');
  }
  const stream = response.body as WebReadableStream<Uint8Array> | null;
  const length = response.headers.get('content-length');
  return {
    status: response.status,
    body: stream ? Readable.fromWeb(stream) : Readable.from([]),
    contentType: response.headers.get('content-type'),
    contentLength: length === null ? null : Number(length),
    etag: response.headers.get('etag'),
    fileName: fileNameFromDisposition(response.headers.get('content-disposition')),
    contentRange: response.headers.get('content-range'),
  };
}

/** Options of {@link downloadFileToPath}. */
export interface DownloadToPathOptions {
  /** Replace an existing file at the path. Default: false (the call fails with `EEXIST`). */
  overwrite?: boolean;
  signal?: AbortSignal;
}

/**
 * Downloads a file's content to a path (operation `downloadFile`), streaming it to a temporary
 * file next to the path and renaming it into place once complete, so a failed download leaves
 * nothing half-written.
 * @returns the download's metadata (its body already consumed) and the bytes written.
 * @throws an `fs` error with code `EEXIST` when the path exists and `overwrite` is not set;
 *   `ImkitError` as {@link openFileDownload}.
 */
export async function downloadFileToPath(
  client: ImkitClient,
  fileId: string,
  filePath: string,
  options: DownloadToPathOptions = {},
): Promise<Omit<FileDownload, 'body'> & { bytes: number }> {
  if (!options.overwrite && fs.existsSync(filePath)) {
    throw Object.assign(new Error(`${filePath} already exists`), {
      code: 'EEXIST',
      path: filePath,
    });
  }
  const download = await openFileDownload(client, fileId, { signal: options.signal });
  const temp = path.join(
    path.dirname(filePath),
    `.${path.basename(filePath)}.${process.pid}.${Date.now()}.part`,
  );
  let bytes = 0;
  try {
    await pipeline(
      download.body,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          bytes += chunk.length;
          yield chunk;
        }
      },
      fs.createWriteStream(temp, { flags: 'wx' }),
      { signal: options.signal },
    );
    if (options.overwrite) await fsp.rename(temp, filePath);
    else {
      // Refuse, rather than replace, a file that appeared meanwhile.
      await fsp.link(temp, filePath);
      await fsp.rm(temp, { force: true });
    }
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  const { body: _body, ...metadata } = download;
  return { ...metadata, bytes };
}
