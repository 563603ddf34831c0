import { sql, type Kysely } from 'kysely';

/**
 * The event model's tables. Timers are jobs (kind `timer`, due at their time; `timer-start`
 * for timer start events, which belong to a definition rather than an instance); message
 * and signal subscriptions are rows to look up by name; published messages are kept for
 * their time to live (buffering) and for idempotency by message id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('engine_jobs')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('work'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('definition_id', 'text')
    .addColumn('timer', 'jsonb')
    .addColumn('error_details', 'text')
    .execute();
  await db.schema.alterTable('engine_incidents').addColumn('details', 'text').execute();
  await sql`alter table engine_jobs alter column instance_id drop not null`.execute(db);
  await sql`create index engine_jobs_timer_due_idx on engine_jobs (due_at) where state = 'activatable' and kind <> 'work'`.execute(db);
  await sql`create index engine_jobs_start_timer_idx on engine_jobs (definition_id) where kind = 'timer-start'`.execute(db);

  await db.schema
    .createTable('engine_subscriptions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('correlation_key', 'text')
    .addColumn('process_key', 'text', (c) => c.notNull())
    .addColumn('definition_id', 'text', (c) => c.notNull())
    .addColumn('instance_id', 'text')
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('element_instance_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index engine_subscriptions_name_idx on engine_subscriptions (kind, name, correlation_key, created_at)`.execute(db);
  await db.schema.createIndex('engine_subscriptions_instance_idx').on('engine_subscriptions').column('instance_id').execute();
  await db.schema.createIndex('engine_subscriptions_process_idx').on('engine_subscriptions').column('process_key').execute();

  await db.schema
    .createTable('engine_messages')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('correlation_key', 'text')
    .addColumn('message_id', 'text', (c) => c.unique())
    .addColumn('variables', 'jsonb', (c) => c.notNull())
    .addColumn('correlated_process_keys', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index engine_messages_buffer_idx on engine_messages (name, expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('engine_messages').execute();
  await db.schema.dropTable('engine_subscriptions').execute();
  await sql`drop index engine_jobs_timer_due_idx`.execute(db);
  await sql`drop index engine_jobs_start_timer_idx`.execute(db);
  await db.schema.alterTable('engine_incidents').dropColumn('details').execute();
  await db.schema.alterTable('engine_jobs').dropColumn('kind').dropColumn('priority').dropColumn('definition_id').dropColumn('timer').dropColumn('error_details').execute();
}
