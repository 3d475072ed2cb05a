import type { OperationQuery, Schema } from '../spec/operationTypes.js';
import { toFileInfo } from './fileViews.js';
import { pageSize, takePage } from './pages.js';
import type { Services } from './Services.js';

const LIST = 'files';

/**
 * The caller's uploads, newest first (operation `listFiles`), expired ones included until the
 * sweep purges them, deleted ones left out.
 * @param origin the origin of the request, for each file's `url`.
 * @throws ApiError 422 `cursor.invalid` for a cursor not issued for this caller's file list.
 */
export async function listFiles(
  { db, cursors }: Pick<Services, 'db' | 'cursors'>,
  callerId: string,
  query: OperationQuery<'listFiles'>,
  origin: string,
): Promise<Schema<'FilePage'>> {
  const limit = pageSize(query.limit);
  let select = db
    .selectFrom('files')
    .selectAll()
    .where('owner_id', '=', callerId)
    .where('deleted_at', 'is', null);
  if (query.after) {
    const [id] = cursors.decode(`${LIST}:${callerId}`, query.after, 'after', 1).map(String);
    select = select.where('id', '<', id!);
  }
  const found = await select
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const { rows, hasMore } = takePage(found, limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => toFileInfo(row, origin)),
    has_more: hasMore,
    next_cursor: hasMore && last ? cursors.encode(`${LIST}:${callerId}`, [last.id]) : null,
  };
}
