import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatConversationTitle } from '../format/formatConversationTitle.js';
import { formatTime } from '../format/formatTime.js';
import { writeJson, writeLine } from '../io.js';
import { mentionsIn } from '../mentions.js';
import { requireMessageText } from '../messageText.js';
import { openConversationWith } from '../openConversation.js';
import { readTextArgument } from '../textArgument.js';

/**
 * `imkit send <username|#group> <text...>`: sends a text message to a friend, or to a group
 * (`#` and its id, or its name when unique among my groups; `@member` and `@all` in the text
 * mention them). The words of the text are joined with spaces; a lone `-` reads the text from
 * stdin. A blank text is refused before anything is sent (exit 2). Confirms only once the server
 * answered, i.e. after the message was stored.
 */
export function addSendCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('send')
    .description('send a text message to a friend or a #group')
    .argument('<username|#group>', 'the friend, or # and a group (its id, or its unique name)')
    .argument(
      '<text...>',
      'the message (quote it, or its words are joined with spaces; - reads stdin)',
    )
    .option('--json', 'print the stored message as JSON')
    .action(async (target: string, words: string[], opts: { json?: boolean }, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const text = requireMessageText(await readTextArgument(words.join(' '), ctx.io.stdin));
      const conversation = await openConversationWith(client, target, session.username);
      const { newClientMessageId } = await import('@imkit/sdk');
      const mentions = await mentionsIn(client, conversation, text);
      const message = await client.sendMessage({
        path: { conversation_id: conversation.id },
        body: {
          client_message_id: newClientMessageId(),
          content: { type: 'text', text },
          ...(mentions ? { mentions } : {}),
        },
      });
      if (opts.json) writeJson(ctx.io.stdout, message);
      else
        writeLine(
          ctx.io.stdout,
          `sent to ${formatConversationTitle(conversation)} [${formatTime(message.created_at)}]`,
        );
    });
}
