import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('engine_deployments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('engine_resources')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('deployment_id', 'text', (c) => c.notNull().references('engine_deployments.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('xml', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('engine_process_definitions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('version_tag', 'text')
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('deployment_id', 'text', (c) => c.notNull().references('engine_deployments.id'))
    .addColumn('resource_id', 'uuid', (c) => c.notNull().references('engine_resources.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('engine_process_definitions_key_version', ['key', 'version'])
    .execute();

  await db.schema
    .createTable('engine_process_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('definition_id', 'text', (c) => c.notNull().references('engine_process_definitions.id'))
    .addColumn('process_key', 'text', (c) => c.notNull())
    .addColumn('business_key', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('parent_instance_id', 'text')
    .addColumn('root_instance_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_time', 'timestamptz')
    .execute();
  await db.schema.createIndex('engine_instances_key_state_idx').on('engine_process_instances').columns(['process_key', 'state', 'start_time']).execute();
  await db.schema.createIndex('engine_instances_business_key_idx').on('engine_process_instances').column('business_key').execute();
  await db.schema.createIndex('engine_instances_parent_idx').on('engine_process_instances').column('parent_instance_id').execute();

  await db.schema
    .createTable('engine_user_tasks')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('element_instance_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('assignee', 'text')
    .addColumn('candidate_groups', sql`text[]`, (c) => c.notNull())
    .addColumn('candidate_users', sql`text[]`, (c) => c.notNull())
    .addColumn('due_date', 'timestamptz')
    .addColumn('follow_up_date', 'timestamptz')
    .addColumn('priority', 'integer', (c) => c.notNull())
    .addColumn('form_key', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('engine_tasks_instance_idx').on('engine_user_tasks').column('instance_id').execute();
  await sql`create index engine_tasks_open_assignee_idx on engine_user_tasks (assignee, created_at) where state = 'created'`.execute(db);
  await sql`create index engine_tasks_open_groups_idx on engine_user_tasks using gin (candidate_groups) where state = 'created'`.execute(db);

  await db.schema
    .createTable('engine_jobs')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('retries', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('worker', 'text')
    .addColumn('lock_expires_at', 'timestamptz')
    .addColumn('fencing_token', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_message', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index engine_jobs_due_idx on engine_jobs (type, due_at) where state = 'activatable'`.execute(db);
  await sql`create index engine_jobs_lock_idx on engine_jobs (lock_expires_at) where state = 'locked'`.execute(db);
  await db.schema.createIndex('engine_jobs_instance_idx').on('engine_jobs').column('instance_id').execute();

  await db.schema
    .createTable('engine_incidents')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('element_id', 'text', (c) => c.notNull())
    .addColumn('element_instance_key', 'text', (c) => c.notNull())
    .addColumn('error_type', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('job_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('resolved_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('engine_incidents_instance_idx').on('engine_incidents').column('instance_id').execute();
  await sql`create index engine_incidents_open_idx on engine_incidents (created_at) where resolved_at is null`.execute(db);

  await db.schema
    .createTable('engine_activity_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('activity_type', 'text', (c) => c.notNull())
    .addColumn('scope_key', 'text')
    .addColumn('loop_counter', 'integer')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_time', 'timestamptz')
    .addColumn('called_instance_id', 'text')
    .addColumn('seq', 'bigserial', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('engine_activity_instance_idx').on('engine_activity_instances').columns(['instance_id', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['engine_activity_instances', 'engine_incidents', 'engine_jobs', 'engine_user_tasks', 'engine_process_instances', 'engine_process_definitions', 'engine_resources', 'engine_deployments']) {
    await db.schema.dropTable(table).execute();
  }
}
