import fs from 'node:fs';
import path from 'node:path';
import type { ImkitClient, User } from '@imkit/sdk';
import type { Command } from 'commander';
import { connectLoggedIn } from '../connection.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { writeJson, writeLine } from '../io.js';
import { readTextArgument } from '../textArgument.js';

const GENDERS = ['female', 'male', 'other', 'undisclosed'] as const;

interface ProfileSetOptions {
  nickname?: string;
  bio?: string;
  gender?: string;
  avatar?: string;
  json?: boolean;
}

/** The caller's account as `imkit profile` prints it: one `field: value` line each. */
export function formatAccount(me: User): string[] {
  const none = '-';
  const verified = me.email_verified ? 'verified' : 'not verified';
  return [
    `username: ${me.username}`,
    `nickname: ${me.nickname ?? none}`,
    `email:    ${me.email ? `${me.email} (${verified})` : none}`,
    `phone:    ${me.phone ?? none}`,
    `bio:      ${me.bio ?? none}`,
    `gender:   ${me.gender ?? 'undisclosed'}`,
    `avatar:   ${me.avatar_url ?? none}`,
  ];
}

/**
 * The avatar URL for `--avatar`: an http(s) URL as it is, `""` to remove it, else a local image
 * uploaded with `uploadFile` (its `url`).
 */
async function avatarUrl(client: ImkitClient, value: string): Promise<string | null> {
  if (value === '') return null;
  if (/^https?:\/\//i.test(value)) return value;
  const form = new FormData();
  form.append('file', await fs.openAsBlob(value), path.basename(value));
  const upload = client.uploadFile as unknown as (input: {
    body: FormData;
  }) => Promise<{ url: string }>;
  return (await upload({ body: form })).url;
}

/** `imkit profile` and `imkit profile set`: show and change the caller's profile (`getMe`, `updateMe`). */
export function addProfileCommand(program: Command, ctx: CliContext): Command {
  const profile = program
    .command('profile')
    .description('show your account (profile set: change nickname, bio, gender, avatar)')
    .option('--json', 'print the account as JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const me = await client.getMe();
      if (opts.json) writeJson(ctx.io.stdout, me);
      else for (const line of formatAccount(me)) writeLine(ctx.io.stdout, line);
    });
  profile
    .command('set')
    .description('change your profile; an empty value ("") removes nickname, bio or avatar')
    .option('--nickname <name>', 'display name, 1 to 50 characters')
    .option(
      '--bio <text>',
      'a short self-description, up to 200 characters (- reads it from stdin)',
    )
    .option('--gender <gender>', `one of ${GENDERS.join(', ')}`)
    .option('--avatar <file|url>', 'an image file to upload, or an http(s) URL')
    .option('--json', 'print the updated account as JSON')
    .action(async (opts: ProfileSetOptions, command: Command) => {
      if (
        opts.nickname === undefined &&
        opts.bio === undefined &&
        opts.gender === undefined &&
        opts.avatar === undefined
      ) {
        throw new UsageError('give at least one of --nickname, --bio, --gender, --avatar');
      }
      if (opts.gender !== undefined && !(GENDERS as readonly string[]).includes(opts.gender)) {
        throw new UsageError(`--gender must be one of ${GENDERS.join(', ')}`);
      }
      const { client } = await connectLoggedIn(ctx, command.optsWithGlobals());
      const body: Record<string, string | null> = {};
      if (opts.nickname !== undefined) body.nickname = opts.nickname === '' ? null : opts.nickname;
      if (opts.bio !== undefined) {
        const bio = await readTextArgument(opts.bio, ctx.io.stdin);
        body.bio = bio === '' ? null : bio;
      }
      if (opts.gender !== undefined) body.gender = opts.gender;
      if (opts.avatar !== undefined) body.avatar_url = await avatarUrl(client, opts.avatar);
      const me = await client.updateMe({ body: body as never });
      // `profile` has its own --json, which commander gives to it wherever it appears.
      if (command.optsWithGlobals<{ json?: boolean }>().json) writeJson(ctx.io.stdout, me);
      else for (const line of formatAccount(me)) writeLine(ctx.io.stdout, line);
    });
  return profile;
}
