import type { Database } from '../db/openDatabase.js';
import type { FilesTable } from '../db/schema/fileTables.js';
import { nowIso } from './clock.js';
import { isContentGone } from './fileViews.js';

/** The file id of a `downloadFile` URL (`…/files/<id>/content`), or undefined. */
export function fileIdOfUrl(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /^\/files\/([^/]{1,64})\/content$/.exec(pathname);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/**
 * Publishes the file a `downloadFile` URL names, for use as an avatar (a user's or a group's):
 * every signed-in user may then read it, and it no longer expires. For the code that accepts
 * `avatar_url` (`updateMe`, `createGroup`, `updateGroup`), inside its transaction.
 * @param url the URL given as the avatar.
 * @param ownerId who sets it: only their own uploads are published.
 * @returns the file published; undefined when the URL names no file of `ownerId`'s whose content
 *   is still there (the caller decides whether that is an error: an outside `https://` URL is not
 *   a file of this server).
 */
export async function publishFileUrl(
  db: Database,
  url: string,
  ownerId: string,
): Promise<FilesTable | undefined> {
  const fileId = fileIdOfUrl(url);
  if (fileId === undefined) return undefined;
  const file = await db
    .selectFrom('files')
    .selectAll()
    .where('id', '=', fileId)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!file || isContentGone(file, nowIso())) return undefined;
  await db
    .updateTable('files')
    .set({ is_public: 1, expires_at: null })
    .where('id', '=', fileId)
    .execute();
  return { ...file, is_public: 1, expires_at: null };
}
