import type { OperationBody } from '../spec/operationTypes.js';
import { nowIso } from './clock.js';
import { publishFileUrl } from './filePublication.js';
import type { Services } from './Services.js';
import { findAccountById, requireNicknameFree } from './users.js';
import type { AccountRow } from './userViews.js';

/**
 * Changes the caller's profile (operation `updateMe`): only the fields present in `body`;
 * `null` clears `nickname`, `avatar_url` or `bio`. Credentials change with `updateCredentials`.
 * @param userId the caller.
 * @returns the updated account.
 * @throws ApiError 409 `user.nickname_reserved` when the nickname is another user's username.
 */
export async function updateProfile(
  services: Services,
  userId: string,
  body: OperationBody<'updateMe'>,
): Promise<AccountRow> {
  return services.work(async (trx) => {
    if (typeof body.nickname === 'string') await requireNicknameFree(trx, body.nickname, userId);
    const changes: {
      nickname?: string | null;
      avatar_url?: string | null;
      bio?: string | null;
      gender?: string;
      updated_at: string;
    } = { updated_at: nowIso() };
    if (body.nickname !== undefined) changes.nickname = body.nickname;
    if (body.avatar_url !== undefined) changes.avatar_url = body.avatar_url;
    // An uploaded picture becomes readable by everyone and stops expiring.
    if (typeof body.avatar_url === 'string') await publishFileUrl(trx, body.avatar_url, userId);
    if (body.bio !== undefined) changes.bio = body.bio;
    if (body.gender !== undefined) changes.gender = body.gender;
    await trx
      .updateTable('users')
      .set(changes)
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .execute();
    return (await findAccountById(trx, userId))!;
  });
}
