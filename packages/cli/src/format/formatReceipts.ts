import type { MessageReceipts } from '@imkit/sdk';
import { formatTime } from './formatTime.js';

/**
 * Who read a message (`imkit receipts`): a count line, then one line per reader with when they
 * had read it (`  bob  2026-11-21 09:36`), the earliest first.
 */
export function formatReceipts(receipts: MessageReceipts): string[] {
  const total = receipts.read_count + receipts.unread_count;
  const lines = [`read by ${receipts.read_count} of ${total}`];
  for (const reader of receipts.read_by) {
    lines.push(`  ${reader.user.username}  ${formatTime(reader.read_at)}`);
  }
  const unlisted = receipts.read_count - receipts.read_by.length;
  if (unlisted > 0) lines.push(`  and ${unlisted} more`);
  return lines;
}
