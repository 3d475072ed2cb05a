import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { onlineVisibleTo } from './blockPresence.js';
import type { Services } from './Services.js';
import { identityKey } from './users.js';
import { toUserRef, userColumns } from './userViews.js';

type UserProfile = Schema<'UserProfile'>;
type Gender = Schema<'Gender'>;

/**
 * Another user's profile as the caller sees it (operations `getUser`, `getUserByUsername`):
 * the public fields only (never email or phone), whether they are friends, whether the caller
 * blocked them, and for friends the caller's remark and their presence. A deleted account is
 * shown with `deleted true` and its profile fields emptied (its names stay, for history).
 * @param by the user's id, or their username (compared case-insensitively).
 * @throws ApiError 404 `user.not_found`.
 */
export async function lookUpUser(
  { db, presence }: Pick<Services, 'db' | 'presence'>,
  callerId: string,
  by: { id: string } | { username: string },
): Promise<UserProfile> {
  let query = db
    .selectFrom('users')
    .select(userColumns.map((c) => `users.${c}` as const))
    .select(['users.bio', 'users.gender'])
    .leftJoin('friendships as f', (join) =>
      join.onRef('f.friend_id', '=', 'users.id').on('f.user_id', '=', callerId),
    )
    .leftJoin('blocks as b', (join) =>
      join.onRef('b.blocked_id', '=', 'users.id').on('b.blocker_id', '=', callerId),
    )
    .select(['f.user_id as friendship', 'f.remark', 'b.blocker_id as blocked']);
  query =
    'id' in by
      ? query.where('users.id', '=', by.id)
      : query.where('users.username_key', '=', identityKey(by.username));
  const row = await query.executeTakeFirst();
  if (!row) {
    const detail = 'id' in by ? 'No user has this id.' : 'No user has this username.';
    throw new ApiError(404, 'user.not_found', detail);
  }
  const deleted = row.deleted_at !== null;
  const isFriend = row.friendship !== null;
  const online =
    isFriend && !deleted
      ? await onlineVisibleTo({ db, presence }, callerId, [row.id])
      : new Set<string>();
  const ref = toUserRef(row);
  return {
    ...ref,
    avatar_url: deleted ? null : ref.avatar_url,
    is_friend: isFriend,
    bio: deleted ? null : row.bio,
    gender: deleted ? 'undisclosed' : toGender(row.gender),
    is_blocked: row.blocked !== null,
    remark: isFriend ? row.remark : null,
    presence: isFriend && !deleted ? (online.has(row.id) ? 'online' : 'offline') : null,
  };
}

/** A stored gender as the spec names it; `undisclosed` when unset or unknown. */
function toGender(value: string): Gender {
  return value === 'female' || value === 'male' || value === 'other' ? value : 'undisclosed';
}
