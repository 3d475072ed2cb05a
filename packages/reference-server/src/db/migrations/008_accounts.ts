import type { Kysely } from 'kysely';

/**
 * Account state beyond registration, the same on SQLite and PostgreSQL:
 * - `users` gains the profile (`bio`, `gender`), the credentials `phone` (unique when set) and
 *   `email_verified`, `updated_at`, and `purged_at` (when a deleted account's personal data was
 *   erased after its restore window);
 * - `email_codes` holds the codes mailed by `sendEmailCode`: only their HMAC, never the code.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('email_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('users').addColumn('phone', 'text').execute();
  await db.schema.alterTable('users').addColumn('bio', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('gender', 'text', (c) => c.notNull().defaultTo('undisclosed'))
    .execute();
  await db.schema.alterTable('users').addColumn('updated_at', 'text').execute();
  await db.schema.alterTable('users').addColumn('purged_at', 'text').execute();
  await db.schema.createIndex('users_phone').unique().on('users').column('phone').execute();
  // The purge sweep looks for accounts deleted before the restore window.
  await db.schema.createIndex('users_deleted_at').on('users').column('deleted_at').execute();

  await db.schema
    .createTable('email_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email_key', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createIndex('email_codes_address')
    .on('email_codes')
    .columns(['email_key', 'purpose', 'created_at'])
    .execute();
}
