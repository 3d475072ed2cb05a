import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addGroupsAnnouncementCommands } from './groupsAnnouncements.js';
import { addGroupsCreateCommand } from './groupsCreate.js';
import { addGroupsInvitationCommands } from './groupsInvitations.js';
import { addGroupsJoinRequestCommands } from './groupsJoinRequests.js';
import { addGroupsLifecycleCommands } from './groupsLifecycle.js';
import { addGroupsListCommand } from './groupsList.js';
import { addGroupsMemberAdminCommands } from './groupsMemberAdmin.js';
import { addGroupsMembersCommand } from './groupsMembers.js';
import { addGroupsSettingsCommands } from './groupsSettings.js';
import { addGroupsShowCommand } from './groupsShow.js';

/**
 * `imkit groups <subcommand>`: chat groups. A `<group>` argument is the group's id or its name
 * when no other of your groups has it, with or without a leading `#`.
 */
export function addGroupsCommand(program: Command, ctx: CliContext): Command {
  const groups = program
    .command('groups')
    .description('chat groups: create, members, invitations, join requests, moderation');
  addGroupsListCommand(groups, ctx);
  addGroupsCreateCommand(groups, ctx);
  addGroupsShowCommand(groups, ctx);
  addGroupsMembersCommand(groups, ctx);
  addGroupsInvitationCommands(groups, ctx);
  addGroupsJoinRequestCommands(groups, ctx);
  addGroupsMemberAdminCommands(groups, ctx);
  addGroupsSettingsCommands(groups, ctx);
  addGroupsAnnouncementCommands(groups, ctx);
  addGroupsLifecycleCommands(groups, ctx);
  return groups;
}
