import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001_initial.js';
import * as groups from './002_groups.js';
import * as groupRequests from './003_group_requests.js';
import * as groupAnnouncements from './004_group_announcements.js';

/** Migrations in the order they apply; bundled into the build, so no folder scanning at run time. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001_initial': initial,
      '002_groups': groups,
      '003_group_requests': groupRequests,
      '004_group_announcements': groupAnnouncements,
    };
  },
};
