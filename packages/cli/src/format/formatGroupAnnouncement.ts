import type { GroupAnnouncement } from '@imkit/sdk';
import { formatTime } from './formatTime.js';

/** An announcement as a line: `[2026-11-21 09:35] alice: meet at 7`. */
export function formatGroupAnnouncement(announcement: GroupAnnouncement): string {
  return `[${formatTime(announcement.created_at)}] ${announcement.author.username}: ${announcement.content}`;
}
