/** The fields of a user shown in lists. */
export interface NamedUser {
  username: string;
  nickname?: string | null;
}

/** `bob (Bob)`, or just `bob` without a nickname. */
export function formatUser(user: NamedUser): string {
  return user.nickname && user.nickname !== user.username
    ? `${user.username} (${user.nickname})`
    : user.username;
}
