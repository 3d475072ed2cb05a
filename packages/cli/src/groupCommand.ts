import type { Group } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn, type LoggedInConnection } from './connection.js';
import type { CliContext } from './context.js';
import { findGroup } from './findGroup.js';
import { groupArgument } from './groupReference.js';

/** A logged-in connection and the group a `<group>` argument named. */
export interface GroupConnection extends LoggedInConnection {
  group: Group;
}

/**
 * Connects with the stored session and finds the group `reference` names among mine (its id or
 * its unique name, with or without a leading `#`).
 * @throws NotLoggedInError, CliError `cli.group_not_found` / `cli.group_ambiguous`, ImkitError.
 */
export async function connectToGroup(
  ctx: CliContext,
  command: Command,
  reference: string,
): Promise<GroupConnection> {
  const connection = await connectLoggedIn(ctx, command.optsWithGlobals());
  const group = await findGroup(connection.client, groupArgument(reference));
  return { ...connection, group };
}
