import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001_initial.js';
import * as groups from './002_groups.js';

/** Migrations in the order they apply; bundled into the build, so no folder scanning at run time. */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return { '001_initial': initial, '002_groups': groups };
  },
};
