import type { Command } from 'commander';
import { attachmentContent } from '../attachments.js';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { formatConversationTitle } from '../format/formatConversationTitle.js';
import { formatTime } from '../format/formatTime.js';
import { writeJson, writeLine } from '../io.js';
import { mentionsIn } from '../mentions.js';
import { MESSAGE_REFERENCE_HELP, resolveMessageId } from '../messageReference.js';
import { requireMessageText } from '../messageText.js';
import { openConversationWith } from '../openConversation.js';
import { readTextArgument } from '../textArgument.js';

interface SendOptions {
  json?: boolean;
  reply?: string;
  file?: string;
}

/**
 * `imkit send <username|#group> [text...]`: sends a text message to a friend, or to a group
 * (`#` and its id, or its name when unique among my groups; `@member` and `@all` in the text
 * mention them). The words of the text are joined with spaces; a lone `-` reads the text from
 * stdin. A blank text is refused before anything is sent (exit 2). `--reply <message>` answers a
 * message of that conversation (named as `imkit history` shows it); `--file <path>` uploads a file
 * and sends it (image, audio, video or file by its content), then the text, if any, as a second
 * message. Confirms only once the server answered, i.e. after the message was stored.
 */
export function addSendCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('send')
    .description('send a text message (or a file) to a friend or a #group')
    .argument('<username|#group>', 'the friend, or # and a group (its id, or its unique name)')
    .argument(
      '[text...]',
      'the message (quote it, or its words are joined with spaces; - reads stdin); optional with --file',
    )
    .option(
      '--reply <message>',
      `reply to a message of this conversation: ${MESSAGE_REFERENCE_HELP}`,
    )
    .option('--file <path>', 'upload this file and send it')
    .option('--json', 'print the stored message(s) as JSON')
    .action(async (target: string, words: string[], opts: SendOptions, command: Command) => {
      const hasText = words.length > 0;
      if (!hasText && !opts.file) {
        throw new UsageError("missing required argument 'text'", 'cli.missing_text');
      }
      const text = hasText
        ? requireMessageText(await readTextArgument(words.join(' '), ctx.io.stdin))
        : null;
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const conversation = await openConversationWith(client, target, session.username);
      const reply = opts.reply
        ? await resolveMessageId(client, `${target}:${opts.reply}`, session.username)
        : undefined;
      const { newClientMessageId } = await import('@imkit/sdk');
      const replyField = reply ? { reply_to_message_id: reply } : {};
      const sent = [];
      if (opts.file) {
        const content = await attachmentContent(client, opts.file);
        sent.push(
          await client.sendMessage({
            path: { conversation_id: conversation.id },
            body: { client_message_id: newClientMessageId(), content, ...replyField },
          }),
        );
      }
      if (text !== null) {
        const mentions = await mentionsIn(client, conversation, text);
        sent.push(
          await client.sendMessage({
            path: { conversation_id: conversation.id },
            body: {
              client_message_id: newClientMessageId(),
              content: { type: 'text', text },
              ...(mentions ? { mentions } : {}),
              ...(opts.file ? {} : replyField),
            },
          }),
        );
      }
      if (opts.json) {
        writeJson(ctx.io.stdout, sent.length === 1 ? sent[0] : sent);
        return;
      }
      for (const message of sent) {
        writeLine(
          ctx.io.stdout,
          `sent to ${formatConversationTitle(conversation)} [${formatTime(message.created_at)}]`,
        );
      }
    });
}
