import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** imkit search, pin, unpin, mute, unmute, hide and clear: finding messages and one's own settings of a conversation. */
export function addConversationCommands(_program: Command, _ctx: CliContext): void {}
