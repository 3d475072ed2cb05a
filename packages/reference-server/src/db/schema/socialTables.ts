/** Tables of the social graph beyond friendship: blocks and friend groups (migration `009_social`). */
export interface SocialTables {
  blocks: BlocksTable;
  friend_groups: FriendGroupsTable;
  friend_group_members: FriendGroupMembersTable;
}

/** `blocker_id` blocked `blocked_id` (`blockUser`); one row per block, one direction. */
export interface BlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}

/** One of a user's own categories of friends (`createFriendGroup`); only its owner sees it. */
export interface FriendGroupsTable {
  /** UUIDv7. */
  id: string;
  owner_id: string;
  name: string;
  /** `name` as compared for uniqueness per owner: NFKC, lower case. */
  name_key: string;
  created_at: string;
  updated_at: string;
}

/** A friend of the group's owner put in the group (`addFriendGroupMembers`). */
export interface FriendGroupMembersTable {
  friend_group_id: string;
  user_id: string;
  added_at: string;
}
