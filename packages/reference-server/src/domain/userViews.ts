import type { UsersTable } from '../db/DatabaseSchema.js';
import type { Schema } from '../spec/operationTypes.js';

/** The columns every user view needs. */
export type UserRow = Pick<
  UsersTable,
  'id' | 'username' | 'nickname' | 'avatar_url' | 'deleted_at' | 'email' | 'created_at'
>;

/** The public face of a user (`UserRef`). */
export function toUserRef(row: UserRow): Schema<'UserRef'> {
  return {
    id: row.id,
    username: row.username,
    nickname: row.nickname,
    avatar_url: row.avatar_url,
    deleted: row.deleted_at !== null,
  };
}

/** The caller's own account with private fields (`User`). */
export function toUser(row: UserRow): Schema<'User'> {
  return {
    id: row.id,
    username: row.username,
    nickname: row.nickname,
    avatar_url: row.avatar_url,
    email: row.email,
    created_at: row.created_at,
  };
}

/** Columns selected for {@link UserRow}. */
export const userColumns = [
  'id',
  'username',
  'nickname',
  'avatar_url',
  'deleted_at',
  'email',
  'created_at',
] as const;
