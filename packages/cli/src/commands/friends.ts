import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addFriendsAcceptCommand } from './friendsAccept.js';
import { addFriendsAddCommand } from './friendsAdd.js';
import { addFriendsBlockCommands } from './friendsBlocks.js';
import { addFriendsListCommand } from './friendsList.js';
import { addFriendsRemoveCommands } from './friendsRemove.js';
import { addFriendsRequestsCommand } from './friendsRequests.js';

/** `imkit friends <subcommand>`: friend requests, the friend list, remarks and blocks. */
export function addFriendsCommand(program: Command, ctx: CliContext): Command {
  const friends = program
    .command('friends')
    .description('friend requests, the friend list, remarks and blocks');
  addFriendsAddCommand(friends, ctx);
  addFriendsRequestsCommand(friends, ctx);
  addFriendsAcceptCommand(friends, ctx);
  addFriendsListCommand(friends, ctx);
  addFriendsRemoveCommands(friends, ctx);
  addFriendsBlockCommands(friends, ctx);
  return friends;
}
