import type { GroupInvitationResult, UserSummary } from '@imkit/sdk';
import type { Command } from 'commander';
import { collect } from '../collect.js';
import type { CliContext } from '../context.js';
import { EXIT_FAILURE } from '../errors.js';
import { findUser } from '../findUser.js';
import { formatGroupInvitation } from '../format/formatGroupReview.js';
import { connectToGroup } from '../groupCommand.js';
import { GROUP_PREFIX } from '../groupReference.js';
import { writeJson, writeLine } from '../io.js';
import { readTextArgument } from '../textArgument.js';

const GROUP_ARGUMENT = 'the group: its id, or its name when unique among your groups';

/** One invited user's outcome as a line: `bob: joined`, `carol: waits for review (<id>)`. */
function formatOutcome(username: string, result: GroupInvitationResult): string {
  if (result.outcome === 'joined') return `${username}: joined`;
  if (result.outcome === 'pending') {
    return `${username}: invited, waits for an owner or admin (invitation ${result.invitation?.id})`;
  }
  return `${username}: not invited: ${result.error?.detail} (${result.error?.code})`;
}

/**
 * `imkit groups invite | invitations | approve | reject`: inviting friends (an owner's or
 * admin's invitation joins them at once, a member's waits for review) and reviewing invitations.
 */
export function addGroupsInvitationCommands(groups: Command, ctx: CliContext): void {
  groups
    .command('invite')
    .description('invite friends (they join at once if you are owner or admin)')
    .argument('<group>', GROUP_ARGUMENT)
    .argument('<user...>', 'usernames of friends to invite')
    .option('--message <text>', 'a note for the reviewers (- reads it from stdin)')
    .option('--json', 'print the per-user results as JSON')
    .action(
      async (
        reference: string,
        usernames: string[],
        opts: { message?: string; json?: boolean },
        command: Command,
      ) => {
        const { client, group, session } = await connectToGroup(ctx, command, reference);
        const users: UserSummary[] = [];
        for (const username of usernames) {
          users.push(await findUser(client, username, session.username));
        }
        const results = await client.inviteGroupMembers({
          path: { group_id: group.id },
          body: {
            user_ids: users.map((user) => user.id),
            ...(opts.message !== undefined
              ? { message: await readTextArgument(opts.message, ctx.io.stdin) }
              : {}),
          },
        });
        if (results.failed_count > 0) ctx.exitCode = EXIT_FAILURE;
        if (opts.json) {
          writeJson(ctx.io.stdout, results);
          return;
        }
        results.results.forEach((result, i) => {
          const line = formatOutcome(users[i]?.username ?? result.user_id, result);
          writeLine(result.outcome === 'failed' ? ctx.io.stderr : ctx.io.stdout, line);
        });
      },
    );

  groups
    .command('invitations')
    .description("list a group's invitations by members, newest first (owner or admin)")
    .argument('<group>', GROUP_ARGUMENT)
    .option('--pending', 'only the invitations still waiting for review')
    .option('--json', 'print the invitations as a JSON array')
    .action(
      async (reference: string, opts: { pending?: boolean; json?: boolean }, command: Command) => {
        const { client, group } = await connectToGroup(ctx, command, reference);
        const invitations = await collect(
          client.paginate('listGroupInvitations', {
            path: { group_id: group.id },
            query: { limit: 100, ...(opts.pending ? { status: 'pending' as const } : {}) },
          }),
        );
        if (opts.json) {
          writeJson(ctx.io.stdout, invitations);
          return;
        }
        if (invitations.length === 0) writeLine(ctx.io.stdout, 'no invitations');
        for (const invitation of invitations) {
          writeLine(ctx.io.stdout, formatGroupInvitation(invitation));
        }
      },
    );

  for (const decision of ['approve', 'reject'] as const) {
    const cmd = groups
      .command(decision)
      .description(
        decision === 'approve'
          ? "approve a member's invitation: the invitee joins (owner or admin)"
          : "reject a member's invitation (owner or admin)",
      )
      .argument('<group>', GROUP_ARGUMENT)
      .argument('<invitation>', 'the invitation id (see `imkit groups invitations`)');
    if (decision === 'reject')
      cmd.option('--reason <text>', 'shown to the inviter (- reads it from stdin)');
    cmd
      .option('--json', 'print the reviewed invitation as JSON')
      .action(
        async (
          reference: string,
          invitationId: string,
          opts: { reason?: string; json?: boolean },
          command: Command,
        ) => {
          const { client, group } = await connectToGroup(ctx, command, reference);
          const path = { group_id: group.id, invitation_id: invitationId };
          const invitation =
            decision === 'approve'
              ? await client.approveGroupInvitation({ path })
              : await client.rejectGroupInvitation({
                  path,
                  body:
                    opts.reason !== undefined
                      ? { reason: await readTextArgument(opts.reason, ctx.io.stdin) }
                      : {},
                });
          if (opts.json) writeJson(ctx.io.stdout, invitation);
          else
            writeLine(
              ctx.io.stdout,
              `${decision === 'approve' ? 'approved' : 'rejected'}: ${invitation.invitee.username} ${decision === 'approve' ? 'joined' : 'does not join'} ${GROUP_PREFIX}${group.name}`,
            );
        },
      );
  }
}
