import type { Context } from 'koa';
import type { FilesTable } from '../db/schema/fileTables.js';
import type { OperationResult } from '../http/OperationHandler.js';
import { etagMatches, parseByteRange } from './byteRange.js';
import type { FileStore } from './FileStore.js';
import { asciiFileName } from './fileNames.js';

/** Images a browser shows without running anything: sent `inline`; everything else is `attachment`. */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/x-icon',
]);

/**
 * Answers a download of a readable file whose content is present (operation `downloadFile`):
 * 304 when `If-None-Match` matches its etag, 206 with `Content-Range` for one satisfiable
 * `Range` (unless `If-Range` names another etag), 416 with `Content-Range: bytes *\/size` for a
 * range past the end, else 200 with the whole content. The body is streamed from the store.
 * Headers: `ETag`, `Accept-Ranges: bytes`, the sniffed `Content-Type` with
 * `X-Content-Type-Options: nosniff`, `Content-Disposition` (`inline` for plain images, else
 * `attachment`, with `filename` and RFC 5987 `filename*`), `Cache-Control: private, no-cache`.
 * @throws the store's error (`ENOENT`) when the content vanished meanwhile.
 */
export async function serveFile(
  ctx: Context,
  row: FilesTable,
  store: FileStore,
): Promise<OperationResult> {
  ctx.set('ETag', row.etag);
  ctx.set('Cache-Control', 'private, no-cache');
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (etagMatches(ctx.get('If-None-Match') || undefined, row.etag)) return { status: 304 };
  ctx.set('Accept-Ranges', 'bytes');
  const ifRange = ctx.get('If-Range');
  const range =
    ifRange && ifRange !== row.etag
      ? undefined
      : parseByteRange(ctx.get('Range') || undefined, row.size);
  if (range === 'unsatisfiable') {
    ctx.set('Content-Range', `bytes */${row.size}`);
    // An empty body without a type (Koa would otherwise write the status text).
    ctx.body = '';
    ctx.remove('Content-Type');
    return { status: 416 };
  }
  const stream = await store.open(row.id, range);
  const type = INLINE_TYPES.has(row.content_type) ? 'inline' : 'attachment';
  ctx.attachment(row.name, { type, fallback: asciiFileName(row.name) });
  ctx.type = row.content_type;
  if (range) {
    ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${row.size}`);
    ctx.length = range.end - range.start + 1;
    return { status: 206, body: stream };
  }
  ctx.length = row.size;
  return { status: 200, body: stream };
}
