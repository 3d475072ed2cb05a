import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001_initial.js';
import * as groups from './002_groups.js';
import * as groupRequests from './003_group_requests.js';
import * as groupAnnouncements from './004_group_announcements.js';
import * as messageChanges from './005_message_changes.js';
import * as files from './006_files.js';
import * as conversationSettings from './007_conversation_settings.js';
import * as accounts from './008_accounts.js';
import * as social from './009_social.js';

/** Migrations in the order they apply; bundled into the build, so no folder scanning at run time. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001_initial': initial,
      '002_groups': groups,
      '003_group_requests': groupRequests,
      '004_group_announcements': groupAnnouncements,
      '005_message_changes': messageChanges,
      '006_files': files,
      '007_conversation_settings': conversationSettings,
      '008_accounts': accounts,
      '009_social': social,
    };
  },
};
