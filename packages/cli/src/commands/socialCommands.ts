import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** imkit users and friend-groups: finding people and sorting friends into categories. */
export function addSocialCommands(_program: Command, _ctx: CliContext): void {}
