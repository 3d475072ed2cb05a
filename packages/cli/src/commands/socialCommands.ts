import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addFriendGroupsCommands } from './friendGroupsCommands.js';
import { addUsersCommands } from './usersCommands.js';

/** imkit users and friend-groups: finding people and sorting friends into categories. */
export function addSocialCommands(program: Command, ctx: CliContext): void {
  addUsersCommands(program, ctx);
  addFriendGroupsCommands(program, ctx);
}
