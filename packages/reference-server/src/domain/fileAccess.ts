import type { Database } from '../db/openDatabase.js';
import type { FilesTable } from '../db/schema/fileTables.js';
import { ApiError } from '../http/ApiError.js';

/**
 * A file `userId` may read, or undefined: its owner, a current member of the conversation it was
 * uploaded for, a current member of a conversation it was sent in, or anyone when it was
 * published (an avatar, see `publishFileUrl`). The one place that decides
 * who may see a file (`getFile`, `downloadFile`, and files named in messages). Deleted and
 * expired files are included; callers decide what their content being gone means.
 */
export async function findReadableFile(
  db: Database,
  fileId: string,
  userId: string,
): Promise<FilesTable | undefined> {
  return db
    .selectFrom('files')
    .selectAll()
    .where('files.id', '=', fileId)
    .where((eb) =>
      eb.or([
        eb('files.owner_id', '=', userId),
        eb('files.is_public', '=', 1),
        eb.exists(
          eb
            .selectFrom('conversation_members as cm')
            .select('cm.user_id')
            .whereRef('cm.conversation_id', '=', 'files.conversation_id')
            .where('cm.user_id', '=', userId)
            .where('cm.left_position', 'is', null),
        ),
        eb.exists(
          eb
            .selectFrom('file_conversations as fc')
            .innerJoin('conversation_members as cm', 'cm.conversation_id', 'fc.conversation_id')
            .select('cm.user_id')
            .whereRef('fc.file_id', '=', 'files.id')
            .where('cm.user_id', '=', userId)
            .where('cm.left_position', 'is', null),
        ),
      ]),
    )
    .executeTakeFirst();
}

/** The 404 `file.not_found` of every file operation: no such file, or not one the caller may read. */
export function fileNotFound(): ApiError {
  return new ApiError(404, 'file.not_found', 'No such file, or you may not read it.');
}

/**
 * A file the caller may read (see {@link findReadableFile}).
 * @throws ApiError 404 `file.not_found` otherwise (existence is not revealed).
 */
export async function requireReadableFile(
  db: Database,
  fileId: string,
  userId: string,
): Promise<FilesTable> {
  const row = await findReadableFile(db, fileId, userId);
  if (!row) throw fileNotFound();
  return row;
}
