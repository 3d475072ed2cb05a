import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addFriendsAcceptCommand } from './friendsAccept.js';
import { addFriendsAddCommand } from './friendsAdd.js';
import { addFriendsListCommand } from './friendsList.js';
import { addFriendsRequestsCommand } from './friendsRequests.js';

/** `imkit friends <subcommand>`: friend requests and the friend list. */
export function addFriendsCommand(program: Command, ctx: CliContext): Command {
  const friends = program.command('friends').description('friend requests and the friend list');
  addFriendsAddCommand(friends, ctx);
  addFriendsRequestsCommand(friends, ctx);
  addFriendsAcceptCommand(friends, ctx);
  addFriendsListCommand(friends, ctx);
  return friends;
}
