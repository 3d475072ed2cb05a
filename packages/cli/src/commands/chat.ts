import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { EXIT_FAILURE } from '../errors.js';
import { formatConversationTitle } from '../format/formatConversationTitle.js';
import { writeLine } from '../io.js';
import { openConversationWith } from '../openConversation.js';
import { loadDeviceId } from '../session/deviceId.js';

/** `imkit chat <username>`: an interactive chat with a friend (works with piped stdin too). */
export function addChatCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('chat')
    .description('chat live with a friend (/help lists the chat commands, /quit leaves)')
    .argument('<username>', 'the friend')
    .action(async (username: string, _opts: unknown, command: Command) => {
      const { client, session } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const conversation = await openConversationWith(client, username, session.username);
      if (conversation.disabled) {
        writeLine(
          ctx.io.stderr,
          `warning: you and ${formatConversationTitle(conversation)} are no longer friends`,
        );
      }
      // Loaded by this command only: the chat session brings readline and realtime.
      const { runChatSession } = await import('../chat/chatSession.js');
      const failures = await runChatSession({
        client,
        io: ctx.io,
        conversation,
        deviceId: await loadDeviceId(ctx.sessionFile.configDir),
        myUserId: session.tokens.user_id,
      });
      if (failures > 0) ctx.exitCode = EXIT_FAILURE;
    });
}
