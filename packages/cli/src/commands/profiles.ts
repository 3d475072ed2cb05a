import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { writeJson, writeLine } from '../io.js';
import { namedProfiles, profileDir } from '../profiles/profileDirs.js';
import { DEFAULT_PROFILE } from '../profiles/profileName.js';
import { SessionFile } from '../session/sessionFile.js';

/** One line of `imkit profiles`. */
interface ProfileEntry {
  name: string;
  current: boolean;
  /** Null when the profile is logged out. */
  username: string | null;
  server: string | null;
}

/**
 * `imkit profiles`: the accounts kept in this config dir (`--profile <name>` or `IMKIT_PROFILE`
 * picks one), with the account and server each is logged in to; `*` marks the current one.
 */
export function addProfilesCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('profiles')
    .description('list the profiles (accounts) kept in the config dir; --profile <name> picks one')
    .option('--json', 'print the profiles as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { configDir, name: current } = ctx.profile;
      const names = [DEFAULT_PROFILE, ...(await namedProfiles(configDir))];
      const entries: ProfileEntry[] = [];
      for (const name of names) {
        const session = await new SessionFile(profileDir(configDir, name)).read();
        entries.push({
          name,
          current: name === current,
          username: session?.username ?? null,
          server: session?.server ?? null,
        });
      }
      if (opts.json) {
        writeJson(ctx.io.stdout, entries);
        return;
      }
      for (const entry of entries) {
        const account = entry.server
          ? `${entry.username ?? '(unknown user)'} on ${entry.server}`
          : 'logged out';
        writeLine(ctx.io.stdout, `${entry.current ? '*' : ' '} ${entry.name}  ${account}`);
      }
    });
}
