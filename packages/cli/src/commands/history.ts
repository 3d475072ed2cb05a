import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatMessage } from '../format/formatMessage.js';
import { writeJson, writeLine } from '../io.js';
import { loadHistory } from '../loadHistory.js';
import { openConversationWith } from '../openConversation.js';
import { parseLimit } from '../parseLimit.js';

interface HistoryOptions {
  limit: number;
  all?: boolean;
  json?: boolean;
}

/**
 * `imkit history <username|#group>`: the newest messages with a friend or in a group, printed
 * oldest first, each with its short id after the time (what `imkit react`, `edit`, `recall`,
 * `delete`, `receipts` and `send --reply` accept).
 */
export function addHistoryCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('history')
    .description(
      'show recent messages with a friend or in a #group, oldest first, each with its short id',
    )
    .argument('<username|#group>', 'the friend, or # and a group (its id, or its unique name)')
    .option('--limit <n>', 'how many of the newest messages', parseLimit, 20)
    .option('--all', 'every message of the conversation (ignores --limit)')
    .option('--json', 'print the messages as a JSON array')
    .action(async (target: string, opts: HistoryOptions, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const conversation = await openConversationWith(client, target, session.username);
      const messages = await loadHistory(client, conversation.id, opts.all ? null : opts.limit);
      if (opts.json) {
        writeJson(ctx.io.stdout, messages);
        return;
      }
      for (const message of messages) {
        writeLine(ctx.io.stdout, formatMessage(message, { showId: true }));
      }
    });
}
