import { Command } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { addAccountCommands } from './commands/accountCommands.js';
import { addChatCommand } from './commands/chat.js';
import { addConversationCommands } from './commands/conversationCommands.js';
import { addFileCommands } from './commands/fileCommands.js';
import { addFriendsCommand } from './commands/friends.js';
import { addGroupsCommand } from './commands/groups.js';
import { addHistoryCommand } from './commands/history.js';
import { addInboxCommand } from './commands/inbox.js';
import { addListenCommand } from './commands/listen.js';
import { addLoginCommand } from './commands/login.js';
import { addLogoutCommand } from './commands/logout.js';
import { addMessageCommands } from './commands/messageCommands.js';
import { addProfilesCommand } from './commands/profiles.js';
import { addRegisterCommand } from './commands/register.js';
import { addSendCommand } from './commands/send.js';
import { addSocialCommands } from './commands/socialCommands.js';
import { addWhoamiCommand } from './commands/whoami.js';
import type { CliContext } from './context.js';
import { profileDir } from './profiles/profileDirs.js';
import { resolveProfileName } from './profiles/profileName.js';
import { SessionFile } from './session/sessionFile.js';

/**
 * The `imkit` command tree. It never exits the process (`exitOverride`) and writes only to
 * the context's streams; subcommands inherit both settings.
 */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('imkit')
    .description('imkit in the terminal: account, friends, groups and chat')
    .version(pkg.version, '-V, --version', 'print the version')
    .option(
      '--server <url>',
      'server URL (env IMKIT_SERVER; default: the logged-in one, else http://localhost:8080)',
    )
    .option(
      '--profile <name>',
      'the account to act as, each kept apart in the config dir (env IMKIT_PROFILE; default: default)',
    )
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.io.stdout.write(text),
      writeErr: (text) => ctx.io.stderr.write(text),
    })
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError()
    .hook('preAction', () => useProfile(ctx, program.opts<{ profile?: string }>().profile));
  addRegisterCommand(program, ctx);
  addLoginCommand(program, ctx);
  addLogoutCommand(program, ctx);
  addWhoamiCommand(program, ctx);
  addFriendsCommand(program, ctx);
  addSendCommand(program, ctx);
  addHistoryCommand(program, ctx);
  addChatCommand(program, ctx);
  addListenCommand(program, ctx);
  addGroupsCommand(program, ctx);
  addInboxCommand(program, ctx);
  addMessageCommands(program, ctx);
  addFileCommands(program, ctx);
  addConversationCommands(program, ctx);
  addAccountCommands(program, ctx);
  addSocialCommands(program, ctx);
  addProfilesCommand(program, ctx);
  return program;
}

/**
 * Points the context at the session of the chosen profile, once the options are parsed.
 * @throws UsageError for a profile name that is not a safe directory name.
 */
function useProfile(ctx: CliContext, flag: string | undefined): void {
  const name = resolveProfileName(flag, ctx.env.IMKIT_PROFILE);
  ctx.profile = { ...ctx.profile, name };
  ctx.sessionFile = new SessionFile(profileDir(ctx.profile.configDir, name));
}
