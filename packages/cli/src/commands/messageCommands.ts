import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** imkit react, unreact, edit, recall, delete and receipts: what happens to a message after it is sent. */
export function addMessageCommands(_program: Command, _ctx: CliContext): void {}
