import { sql, type Kysely } from 'kysely';

/**
 * Activities (calls, meetings, tasks, letters, events), their participants (users, contact
 * persons, bookable resources), per-user reminders, and the per-user calendar feed tokens.
 *
 * An activity occupies `[span_start, span_end]`: `[starts_at, ends_at]` for what has a time
 * (meetings, calls), the instant `due_at` for what has a deadline (tasks). Both are generated
 * columns, so every calendar query ("overlaps the window") and the keyset order share one
 * definition and one index. Resource double-booking is refused by the service under a lock
 * on the resource rows (btree_gist exclusion constraints are not available on PGlite).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('resources')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('room','car','laptop','equipment')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity > 0`))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Names are unique case-insensitively (people book "Room A", not one of two), and the
  // same index serves the list's order and its keyset pages; prefix search has its own.
  await sql`create unique index resources_name_unique_idx on resources (lower(name))`.execute(db);
  await sql`create index resources_name_prefix_idx on resources (lower(name) text_pattern_ops)`.execute(db);
  await db.schema.createIndex('resources_kind_idx').on('resources').columns(['kind', 'active']).execute();

  await db.schema
    .createTable('activities')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('call','meeting','task','letter','event')`))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('starts_at', 'timestamptz')
    .addColumn('ends_at', 'timestamptz')
    .addColumn('due_at', 'timestamptz')
    .addColumn('all_day', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('location', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('planned').check(sql`status in ('planned','done','cancelled')`))
    .addColumn('result', 'text')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('customer_id', 'uuid', (c) => c.references('customers.id'))
    .addColumn('deal_id', 'uuid', (c) => c.references('deals.id'))
    .addColumn('reminder_minutes', sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('span_start', 'timestamptz', (c) => c.notNull().generatedAlwaysAs(sql`coalesce(starts_at, due_at)`).stored())
    .addColumn('span_end', 'timestamptz', (c) => c.notNull().generatedAlwaysAs(sql`coalesce(ends_at, starts_at, due_at)`).stored())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('activities_time_check', sql`(starts_at is null) = (ends_at is null) and (starts_at is not null or due_at is not null) and ends_at >= starts_at`)
    .addCheckConstraint('activities_done_check', sql`status <> 'done' or (result is not null and completed_at is not null)`)
    .execute();
  // Keyset orders (sort key, id) and the calendar window (span_start < to, span_end > from).
  await db.schema.createIndex('activities_span_sort_idx').on('activities').columns(['span_start', 'id']).execute();
  await db.schema.createIndex('activities_created_sort_idx').on('activities').columns(['created_at', 'id']).execute();
  await sql`create index activities_subject_prefix_idx on activities (lower(subject) text_pattern_ops)`.execute(db);
  // Scope and filters: the owner's calendar in time order, customer and deal timelines.
  await db.schema.createIndex('activities_owner_span_idx').on('activities').columns(['owner_id', 'span_start']).execute();
  await db.schema.createIndex('activities_customer_idx').on('activities').columns(['customer_id', 'span_start']).execute();
  await db.schema.createIndex('activities_deal_idx').on('activities').columns(['deal_id', 'span_start']).execute();
  await db.schema.createIndex('activities_status_kind_idx').on('activities').columns(['status', 'kind']).execute();

  await db.schema
    .createTable('activity_participants')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('contact_id', 'uuid', (c) => c.references('customers.id'))
    // Restrict: a resource with bookings is deactivated, not deleted (its calendar stays true).
    .addColumn('resource_id', 'uuid', (c) => c.references('resources.id'))
    .addCheckConstraint('activity_participants_one_check', sql`num_nonnulls(user_id, contact_id, resource_id) = 1`)
    .execute();
  await sql`create unique index activity_participants_user_idx on activity_participants (user_id, activity_id) where user_id is not null`.execute(db);
  await sql`create unique index activity_participants_contact_idx on activity_participants (contact_id, activity_id) where contact_id is not null`.execute(db);
  await sql`create unique index activity_participants_resource_idx on activity_participants (resource_id, activity_id) where resource_id is not null`.execute(db);
  await db.schema.createIndex('activity_participants_activity_idx').on('activity_participants').column('activity_id').execute();

  await db.schema
    .createTable('activity_reminders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('activity_id', 'uuid', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('minutes_before', 'integer', (c) => c.notNull().check(sql`minutes_before between 0 and 40320`))
    .addColumn('remind_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .addColumn('dismissed_at', 'timestamptz')
    .addUniqueConstraint('activity_reminders_unique', ['activity_id', 'user_id', 'minutes_before'])
    .execute();
  // The sweeper's queue: only unsent rows, in due order — stays small however long the history.
  await sql`create index activity_reminders_due_idx on activity_reminders (remind_at) where sent_at is null`.execute(db);
  // "My reminders", in time order with keyset pages.
  await db.schema.createIndex('activity_reminders_user_idx').on('activity_reminders').columns(['user_id', 'remind_at', 'id']).execute();

  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calendar_feeds', 'activity_reminders', 'activity_participants', 'activities', 'resources']) {
    await db.schema.dropTable(table).execute();
  }
}
