import type { Transaction } from 'kysely';
import type { DatabaseSchema, FriendRequestsTable } from '../db/DatabaseSchema.js';
import { ApiError } from '../http/ApiError.js';
import type { Schema } from '../spec/operationTypes.js';
import { blockedEitherWay } from './blocks.js';
import { nowIso } from './clock.js';
import { toFriendRequest } from './friendRequestViews.js';
import { areFriends, befriend } from './friendships.js';
import { newId } from './ids.js';
import type { Services } from './Services.js';
import type { Emit } from './unitOfWork.js';
import { requireUser } from './users.js';

type FriendRequest = Schema<'FriendRequest'>;
type Status = FriendRequestsTable['status'];

function pendingBetween(trx: Transaction<DatabaseSchema>, from: string, to: string) {
  return trx
    .selectFrom('friend_requests')
    .selectAll()
    .where('from_user_id', '=', from)
    .where('to_user_id', '=', to)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

async function respond(
  trx: Transaction<DatabaseSchema>,
  emit: Emit,
  row: FriendRequestsTable,
  status: Exclude<Status, 'pending'>,
  reason: string | null,
): Promise<FriendRequest> {
  const respondedAt = nowIso();
  await trx
    .updateTable('friend_requests')
    .set({ status, reason, responded_at: respondedAt })
    .where('id', '=', row.id)
    .execute();
  if (status === 'accepted') await befriend(trx, row.from_user_id, row.to_user_id, respondedAt);
  const view = await toFriendRequest(trx, {
    ...row,
    status,
    reason,
    responded_at: respondedAt,
  });
  const people = [row.from_user_id, row.to_user_id];
  await emit({
    event: {
      type: status === 'accepted' ? 'friend_request.accepted' : 'friend_request.rejected',
      data: view,
    },
    recipients: people,
    audience: people,
  });
  return view;
}

/**
 * Sends a friend request (operation `sendFriendRequest`). When the recipient already asked
 * the caller, that request is accepted instead: both want the same thing.
 * @throws ApiError 422 `friend_request.to_self`, 404 `user.not_found` (none, or deleted),
 *   403 `friend_request.blocked` (either of the two blocked the other),
 *   409 `friend_request.already_friends` / `friend_request.already_pending`.
 */
export async function sendFriendRequest(
  services: Services,
  fromId: string,
  toId: string,
  message: string | null,
): Promise<FriendRequest> {
  if (fromId === toId) {
    throw new ApiError(
      422,
      'friend_request.to_self',
      'You cannot send a friend request to yourself.',
      {
        errors: [{ pointer: '/body/user_id', detail: 'is your own id', keyword: 'not' }],
      },
    );
  }
  const recipient = await requireUser(services.db, toId);
  return services.work(async (trx, emit) => {
    if (await blockedEitherWay(trx, fromId, toId)) {
      throw new ApiError(
        403,
        'friend_request.blocked',
        `You cannot send ${recipient.username} a friend request.`,
      );
    }
    if (await areFriends(trx, fromId, toId)) {
      throw new ApiError(
        409,
        'friend_request.already_friends',
        `You and ${recipient.username} are already friends.`,
      );
    }
    if (await pendingBetween(trx, fromId, toId)) {
      throw new ApiError(
        409,
        'friend_request.already_pending',
        `You already sent ${recipient.username} a friend request.`,
      );
    }
    const reverse = await pendingBetween(trx, toId, fromId);
    if (reverse) return respond(trx, emit, reverse, 'accepted', null);
    const row: FriendRequestsTable = {
      id: newId(),
      from_user_id: fromId,
      to_user_id: toId,
      message,
      status: 'pending',
      reason: null,
      created_at: nowIso(),
      responded_at: null,
    };
    await trx.insertInto('friend_requests').values(row).execute();
    const view = await toFriendRequest(trx, row);
    await emit({
      event: { type: 'friend_request.created', data: view },
      recipients: [fromId, toId],
      audience: [fromId, toId],
    });
    return view;
  });
}

/**
 * Accepts or rejects a request addressed to the caller (operations `acceptFriendRequest`,
 * `rejectFriendRequest`).
 * @throws ApiError 404 `friend_request.not_found` (not involving the caller),
 *   403 `friend_request.not_recipient`, 409 `friend_request.not_pending`.
 */
export function answerFriendRequest(
  services: Services,
  callerId: string,
  requestId: string,
  status: 'accepted' | 'rejected',
  reason: string | null,
): Promise<FriendRequest> {
  return services.work(async (trx, emit) => {
    const row = await trx
      .selectFrom('friend_requests')
      .selectAll()
      .where('id', '=', requestId)
      .executeTakeFirst();
    if (!row || (row.to_user_id !== callerId && row.from_user_id !== callerId)) {
      throw new ApiError(404, 'friend_request.not_found', 'No such friend request.');
    }
    if (row.to_user_id !== callerId) {
      throw new ApiError(
        403,
        'friend_request.not_recipient',
        'Only the recipient may respond to a friend request.',
      );
    }
    if (row.status !== 'pending') {
      throw new ApiError(
        409,
        'friend_request.not_pending',
        `This request was already ${row.status}.`,
      );
    }
    return respond(trx, emit, row, status, reason);
  });
}
