import type { Command } from 'commander';
import { connect } from '../connection.js';
import type { CliContext } from '../context.js';
import { resolveAnswer } from '../credentials.js';
import { writeLine } from '../io.js';
import { StdinLines } from '../stdinLines.js';

interface ResetOptions {
  code?: string;
}

/**
 * `imkit password-reset <email>`: for someone who cannot log in. Asks the server to mail a code
 * (`sendEmailCode`, purpose `reset_password`), then sets a new password with it
 * (`resetPassword`). On a terminal the code and the new password (twice, hidden) are asked for;
 * in scripts they are the first two lines of stdin (or `--code` and `IMKIT_NEW_PASSWORD`).
 * `--code` uses a code received earlier and sends none. Every session of the account ends.
 */
export function addPasswordResetCommand(program: Command, ctx: CliContext): Command {
  return program
    .command('password-reset')
    .description('set a new password with a code mailed to your email (no login needed)')
    .argument('<email>', 'the email of your account')
    .option('--code <code>', 'the 6-digit code from an earlier mail (sends none)')
    .action(async (email: string, opts: ResetOptions, command: Command) => {
      const sources = { io: ctx.io, env: ctx.env, prompter: ctx.prompter };
      const { client, store, session } = await connect(ctx, command.optsWithGlobals());
      const lines = ctx.io.isTTY ? undefined : new StdinLines(ctx.io.stdin);
      try {
        if (opts.code === undefined) {
          const sent = await client.sendEmailCode({
            body: { email, purpose: 'reset_password' },
          });
          writeLine(
            ctx.io.stderr,
            `if ${email} belongs to an account, a code was sent to it; it is valid for ${Math.round(sent.expires_in / 60)} minutes`,
          );
        }
        const code = await resolveAnswer(
          { flag: opts.code, flagName: '--code', name: 'Code from the email', lines },
          sources,
        );
        const password = await resolveAnswer(
          {
            envName: 'IMKIT_NEW_PASSWORD',
            name: 'New password',
            secret: true,
            confirm: true,
            lines,
          },
          sources,
        );
        await client.resetPassword({
          body: { email, code: code.trim(), new_password: password },
        });
        // Every session of that account ended; a stored one of it is of no use any more.
        if (session) {
          const me = await client.getMe().catch(() => null);
          if (!me) await store.save(null);
        }
        writeLine(ctx.io.stdout, 'password changed; log in with it (`imkit login`)');
      } finally {
        lines?.close();
      }
    });
}
