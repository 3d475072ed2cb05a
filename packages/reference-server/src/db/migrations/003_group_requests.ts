import { type Kysely, sql } from 'kysely';

/**
 * Group invitations and join requests, each reviewed once by the group's owner or an admin
 * (`status`: `pending`, then `approved` or `rejected`). An invitation row exists only for an
 * invitation by a plain member (an owner's or admin's adds the user at once). A partial unique
 * index allows one pending invitation per group and invitee, and one pending join request per
 * group and applicant, so two processes racing to create the same one leave one row. The same
 * migration runs on SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('inviter_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('invitee_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema
    .createIndex('group_invitations_group')
    .on('group_invitations')
    .columns(['group_id', 'id'])
    .execute();
  await db.schema
    .createIndex('group_invitations_pending')
    .on('group_invitations')
    .columns(['group_id', 'invitee_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('group_join_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addColumn('applicant_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('message', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema
    .createIndex('group_join_requests_group')
    .on('group_join_requests')
    .columns(['group_id', 'id'])
    .execute();
  await db.schema
    .createIndex('group_join_requests_applicant')
    .on('group_join_requests')
    .columns(['applicant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('group_join_requests_pending')
    .on('group_join_requests')
    .columns(['group_id', 'applicant_id'])
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}
