import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** imkit download: a file of a message, or by file id. */
export function addFileCommands(_program: Command, _ctx: CliContext): void {}
