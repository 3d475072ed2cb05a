import type { GroupInvitation, GroupJoinRequest } from '@imkit/sdk';
import { GROUP_PREFIX } from '../groupReference.js';
import { formatTime } from './formatTime.js';

function note(message: string | null, reason: string | null): string {
  const text = message ? `: "${message}"` : '';
  return `${text}${reason ? ` (reason: "${reason}")` : ''}`;
}

/**
 * An invitation as a line, its id first (what `imkit groups approve` takes):
 * `0192...  [2026-11-21 09:31] pending   carol invited by bob: "she climbs"`.
 */
export function formatGroupInvitation(invitation: GroupInvitation): string {
  return `${invitation.id}  [${formatTime(invitation.created_at)}] ${invitation.status.padEnd(8)}  ${invitation.invitee.username} invited by ${invitation.inviter.username}${note(invitation.message, invitation.reason)}`;
}

/**
 * A join request as a line, its id first (what `imkit groups approve-request` takes):
 * `0192...  [2026-11-21 09:31] pending   dave asks to join #Climbing: "hi"`.
 */
export function formatGroupJoinRequest(request: GroupJoinRequest): string {
  return `${request.id}  [${formatTime(request.created_at)}] ${request.status.padEnd(8)}  ${request.applicant.username} asks to join ${GROUP_PREFIX}${request.group.name}${note(request.message, request.reason)}`;
}
