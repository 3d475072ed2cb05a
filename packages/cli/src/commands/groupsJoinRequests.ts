import type { Command } from 'commander';
import { collect } from '../collect.js';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatGroupJoinRequest } from '../format/formatGroupReview.js';
import { GROUP_PREFIX, groupArgument } from '../groupReference.js';
import { writeJson, writeLine } from '../io.js';
import { readTextArgument } from '../textArgument.js';

/**
 * `imkit groups join | requests | approve-request | reject-request`: asking to join a group
 * (by its id: it is not among mine yet) and reviewing the requests to groups I own or administer.
 */
export function addGroupsJoinRequestCommands(groups: Command, ctx: CliContext): void {
  groups
    .command('join')
    .description('ask to join a group (by its id); its owner or an admin decides')
    .argument('<group>', 'the group id (#<id> or <id>)')
    .option(
      '--message <text>',
      'why you want to join, shown to the reviewers (- reads it from stdin)',
    )
    .option('--json', 'print the join request as JSON')
    .action(async (reference: string, opts: { message?: string; json?: boolean }, command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const request = await client.createGroupJoinRequest({
        body: {
          group_id: groupArgument(reference),
          ...(opts.message !== undefined
            ? { message: await readTextArgument(opts.message, ctx.io.stdin) }
            : {}),
        },
      });
      if (opts.json) writeJson(ctx.io.stdout, request);
      else
        writeLine(
          ctx.io.stdout,
          `asked to join ${GROUP_PREFIX}${request.group.name}: request ${request.id} is ${request.status}`,
        );
    });

  groups
    .command('requests')
    .description('join requests to the groups you own or administer (--sent: yours)')
    .option('--sent', 'the requests you sent instead')
    .option('--pending', 'only the requests still waiting for review')
    .option('--json', 'print the requests as a JSON array')
    .action(async (opts: { sent?: boolean; pending?: boolean; json?: boolean }, command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const requests = await collect(
        client.paginate('listGroupJoinRequests', {
          query: {
            direction: opts.sent ? 'sent' : 'to_review',
            limit: 100,
            ...(opts.pending ? { status: 'pending' as const } : {}),
          },
        }),
      );
      if (opts.json) {
        writeJson(ctx.io.stdout, requests);
        return;
      }
      if (requests.length === 0) writeLine(ctx.io.stdout, 'no join requests');
      for (const request of requests) writeLine(ctx.io.stdout, formatGroupJoinRequest(request));
    });

  for (const decision of ['approve', 'reject'] as const) {
    const cmd = groups
      .command(`${decision}-request`)
      .description(
        decision === 'approve'
          ? 'approve a join request: the applicant joins (owner or admin)'
          : 'reject a join request (owner or admin)',
      )
      .argument('<id>', 'the join request id (see `imkit groups requests`)');
    if (decision === 'reject')
      cmd.option('--reason <text>', 'shown to the applicant (- reads it from stdin)');
    cmd
      .option('--json', 'print the reviewed request as JSON')
      .action(async (id: string, opts: { reason?: string; json?: boolean }, command) => {
        const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
        const path = { join_request_id: id };
        const request =
          decision === 'approve'
            ? await client.approveGroupJoinRequest({ path })
            : await client.rejectGroupJoinRequest({
                path,
                body:
                  opts.reason !== undefined
                    ? { reason: await readTextArgument(opts.reason, ctx.io.stdin) }
                    : {},
              });
        if (opts.json) writeJson(ctx.io.stdout, request);
        else
          writeLine(
            ctx.io.stdout,
            `${decision === 'approve' ? 'approved' : 'rejected'}: ${request.applicant.username} ${decision === 'approve' ? 'joined' : 'does not join'} ${GROUP_PREFIX}${request.group.name}`,
          );
      });
  }
}
