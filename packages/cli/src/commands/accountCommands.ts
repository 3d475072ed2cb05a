import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** imkit profile, passwd, email, password-reset and account: the caller's own account. */
export function addAccountCommands(_program: Command, _ctx: CliContext): void {}
