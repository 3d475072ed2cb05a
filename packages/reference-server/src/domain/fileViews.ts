import type { FilesTable } from '../db/schema/fileTables.js';
import type { Schema } from '../spec/operationTypes.js';

/**
 * The `downloadFile` URL of a file.
 * @param origin the server's origin as clients reach it, e.g. `https://chat.example.com`.
 */
export function fileContentUrl(origin: string, fileId: string): string {
  return `${origin}/files/${encodeURIComponent(fileId)}/content`;
}

/**
 * A file row as the API shows it (`FileInfo`). A deleted file shows when it was deleted as its
 * `expires_at`.
 * @param origin the origin of the request being answered, for `url`.
 */
export function toFileInfo(row: FilesTable, origin: string): Schema<'FileInfo'> {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    content_type: row.content_type,
    file_type: row.file_type,
    etag: row.etag,
    owner_id: row.owner_id,
    conversation_id: row.conversation_id,
    url: fileContentUrl(origin, row.id),
    created_at: row.created_at,
    expires_at: row.deleted_at ?? row.expires_at,
  };
}

/** True when the file's content is gone: deleted, or past its expiry. */
export function isContentGone(row: FilesTable, nowIso: string): boolean {
  return row.deleted_at !== null || (row.expires_at !== null && row.expires_at <= nowIso);
}
