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

/** The columns of the caller's own account view ({@link toUser}). */
export type AccountRow = UserRow &
  Pick<UsersTable, 'phone' | 'bio' | 'updated_at'> & { email_verified: number; gender: string };

/** The caller's own account with private fields (`User`). */
export function toUser(row: AccountRow): Schema<'User'> {
  return {
    id: row.id,
    username: row.username,
    nickname: row.nickname,
    avatar_url: row.avatar_url,
    email: row.email,
    created_at: row.created_at,
    email_verified: row.email_verified === 1,
    phone: row.phone,
    bio: row.bio,
    gender: row.gender as Schema<'User'>['gender'],
    ...(row.updated_at ? { updated_at: row.updated_at } : {}),
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

/** Columns selected for {@link AccountRow}. */
export const accountColumns = [
  ...userColumns,
  'email_verified',
  'phone',
  'bio',
  'gender',
  'updated_at',
] as const;
