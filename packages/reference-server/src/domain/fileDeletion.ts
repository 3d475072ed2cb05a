import { ApiError } from '../http/ApiError.js';
import { nowIso } from './clock.js';
import { requireReadableFile } from './fileAccess.js';
import type { Services } from './Services.js';

/**
 * Deletes one of the caller's files (operation `deleteFile`): its content is removed at once and
 * the row is marked deleted, so messages that name it answer `file.expired` on download and it
 * leaves `listFiles`; the file sweep later forgets rows of deleted files never sent. Deleting
 * again changes nothing.
 * @throws ApiError 404 `file.not_found` when the caller may not read it, 403 `file.not_owner`
 *   when they may (a member of its conversation) but did not upload it.
 */
export async function deleteFile(services: Services, callerId: string, fileId: string) {
  const row = await requireReadableFile(services.db, fileId, callerId);
  if (row.owner_id !== callerId) {
    throw new ApiError(403, 'file.not_owner', 'Only the uploader may delete a file.');
  }
  await services.work(async (trx) => {
    await trx
      .updateTable('files')
      .set({ deleted_at: nowIso() })
      .where('id', '=', fileId)
      .where('deleted_at', 'is', null)
      .execute();
  }, fileId);
  await services.files.remove(fileId);
}
