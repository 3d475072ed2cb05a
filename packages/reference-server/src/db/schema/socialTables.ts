/** Tables of the social graph beyond friendship: blocks and friend groups (migration `009_social`). */
export interface SocialTables {
  blocks: BlocksTable;
}

/** `blocker_id` blocked `blocked_id` (`blockUser`); one row per block, one direction. */
export interface BlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: string;
}
