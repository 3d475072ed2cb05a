import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { addAccountCommand } from './accountDeletion.js';
import { addEmailCommand } from './accountEmail.js';
import { addPasswdCommand } from './accountPasswd.js';
import { addPasswordResetCommand } from './accountPasswordReset.js';
import { addProfileCommand } from './accountProfile.js';

/** imkit profile, passwd, email, password-reset and account: the caller's own account. */
export function addAccountCommands(program: Command, ctx: CliContext): void {
  addProfileCommand(program, ctx);
  addPasswdCommand(program, ctx);
  addEmailCommand(program, ctx);
  addPasswordResetCommand(program, ctx);
  addAccountCommand(program, ctx);
}
