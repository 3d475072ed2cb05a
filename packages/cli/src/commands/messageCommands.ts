import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { formatMessage, formatReactions } from '../format/formatMessage.js';
import { formatReceipts } from '../format/formatReceipts.js';
import { writeJson, writeLine } from '../io.js';
import { mentionsIn } from '../mentions.js';
import { MESSAGE_REFERENCE_HELP, resolveMessageId } from '../messageReference.js';
import { requireMessageText } from '../messageText.js';
import { readTextArgument } from '../textArgument.js';

interface JsonOption {
  json?: boolean;
}

/** Logs in and resolves the message a command names (see {@link resolveMessageId}). */
async function messageOf(ctx: CliContext, command: Command, reference: string) {
  const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
  const messageId = await resolveMessageId(client, reference, session.username);
  return { client, messageId };
}

/** `imkit react|unreact <message> <emoji>`: adds or removes my emoji, prints the reactions. */
function addReactionCommand(program: Command, ctx: CliContext, name: 'react' | 'unreact') {
  const adding = name === 'react';
  program
    .command(name)
    .description(adding ? 'react to a message with an emoji' : 'remove my emoji from a message')
    .argument('<message>', MESSAGE_REFERENCE_HELP)
    .argument('<emoji>', 'one emoji, e.g. 👍')
    .option('--json', "print the message's reactions as JSON")
    .action(async (reference: string, emoji: string, opts: JsonOption, command: Command) => {
      const { client, messageId } = await messageOf(ctx, command, reference);
      const call = adding ? client.addReaction : client.removeReaction;
      const answer = await call.call(client, { path: { message_id: messageId, emoji } });
      if (opts.json) return writeJson(ctx.io.stdout, answer);
      writeLine(ctx.io.stdout, formatReactions(answer.reactions) || 'no reactions');
    });
}

/**
 * imkit react, unreact, edit, recall, delete and receipts: what happens to a message after it is
 * sent. Each names the message by the id `imkit history` shows (see {@link resolveMessageId}).
 */
export function addMessageCommands(program: Command, ctx: CliContext): void {
  addReactionCommand(program, ctx, 'react');
  addReactionCommand(program, ctx, 'unreact');

  program
    .command('edit')
    .description('change the text of my text message (within 24 hours of sending)')
    .argument('<message>', MESSAGE_REFERENCE_HELP)
    .argument('<text...>', 'the new text (quote it, or its words are joined; - reads stdin)')
    .option('--json', 'print the edited message as JSON')
    .action(async (reference: string, words: string[], opts: JsonOption, command: Command) => {
      const text = requireMessageText(await readTextArgument(words.join(' '), ctx.io.stdin));
      const { client, messageId } = await messageOf(ctx, command, reference);
      const original = await client.getMessage({ path: { message_id: messageId } });
      const conversation = await client.getConversation({
        path: { conversation_id: original.conversation_id },
      });
      // In a group the new text decides the mentions: none left means none, not the old ones.
      const mentions =
        (await mentionsIn(client, conversation, text)) ??
        (conversation.type === 'group' ? { user_ids: [], all: false } : undefined);
      const edited = await client.editMessage({
        path: { message_id: messageId },
        body: { content: { type: 'text', text }, ...(mentions ? { mentions } : {}) },
      });
      if (opts.json) return writeJson(ctx.io.stdout, edited);
      writeLine(ctx.io.stdout, formatMessage(edited, { showId: true }));
    });

  program
    .command('recall')
    .description('unsend my message for everyone (within 2 minutes of sending)')
    .argument('<message>', MESSAGE_REFERENCE_HELP)
    .option('--json', 'print the recalled message (its tombstone) as JSON')
    .action(async (reference: string, opts: JsonOption, command: Command) => {
      const { client, messageId } = await messageOf(ctx, command, reference);
      const recalled = await client.recallMessage({ path: { message_id: messageId } });
      if (opts.json) return writeJson(ctx.io.stdout, recalled);
      writeLine(ctx.io.stdout, formatMessage(recalled, { showId: true }));
    });

  program
    .command('delete')
    .description(
      'delete a message for me; with --everyone, for every member (my message, or as group owner/admin)',
    )
    .argument('<message>', MESSAGE_REFERENCE_HELP)
    .option('--everyone', 'delete it for every member, not only for me')
    .option('--json', 'print the deleted message (its tombstone) as JSON (with --everyone)')
    .action(
      async (reference: string, opts: JsonOption & { everyone?: boolean }, command: Command) => {
        const { client, messageId } = await messageOf(ctx, command, reference);
        if (!opts.everyone) {
          await client.deleteMessageForMe({ path: { message_id: messageId } });
          if (opts.json) return writeJson(ctx.io.stdout, { message_id: messageId, hidden: true });
          return writeLine(ctx.io.stdout, 'deleted for you');
        }
        const deleted = await client.deleteMessageForEveryone({ path: { message_id: messageId } });
        if (opts.json) return writeJson(ctx.io.stdout, deleted);
        writeLine(ctx.io.stdout, formatMessage(deleted, { showId: true }));
      },
    );

  program
    .command('receipts')
    .description('show who read a message')
    .argument('<message>', MESSAGE_REFERENCE_HELP)
    .option('--json', 'print the receipts as JSON')
    .action(async (reference: string, opts: JsonOption, command: Command) => {
      const { client, messageId } = await messageOf(ctx, command, reference);
      const receipts = await client.getMessageReceipts({ path: { message_id: messageId } });
      if (opts.json) return writeJson(ctx.io.stdout, receipts);
      for (const line of formatReceipts(receipts)) writeLine(ctx.io.stdout, line);
    });
}
