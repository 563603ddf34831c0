import { sql, type Kysely } from 'kysely';

/**
 * Sales pipelines with ordered stages, deals standing in a stage, and the deals' change log.
 *
 * A deal names its stage by key, with a composite foreign key to (pipeline, key): a stage
 * that deals stand in cannot be deleted, whatever the code path. Stage keys are immutable
 * (names, order, probability and duration are not), so history rows keep plain keys and
 * stay readable after a stage is deleted. `won` / `lost` are deal statuses, not stages: a
 * closed deal keeps the stage it was closed in. Amounts are `numeric(14,2)`, never floats.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pipelines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('pipeline_stages')
    .addColumn('pipeline_id', 'uuid', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9_]{0,49}$' and key not in ('won','lost')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull().check(sql`probability between 0 and 100`))
    .addColumn('expected_days', 'integer', (c) => c.notNull().check(sql`expected_days >= 0`))
    .addPrimaryKeyConstraint('pipeline_stages_pkey', ['pipeline_id', 'key'])
    .execute();

  await db.schema
    .createTable('deals')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('amount', sql`numeric(14,2)`, (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('expected_close_date', 'date')
    .addColumn('pipeline_id', 'uuid', (c) => c.notNull().references('pipelines.id'))
    .addColumn('stage_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open','won','lost')`))
    .addColumn('close_reason', 'text')
    .addColumn('closed_at', 'timestamptz')
    // The engine's instance id (text there); no foreign key: instance rows follow the engine's retention.
    .addColumn('process_instance_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('deals_stage_fkey', ['pipeline_id', 'stage_key'], 'pipeline_stages', ['pipeline_id', 'key'])
    .addCheckConstraint('deals_closed_check', sql`(status = 'open') = (close_reason is null and closed_at is null)`)
    .execute();
  // Sorting + keyset pages: (sort key, id).
  await db.schema.createIndex('deals_created_sort_idx').on('deals').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('deals_amount_sort_idx').on('deals').columns(['amount', 'id']).execute();
  await sql`create index deals_title_sort_idx on deals (lower(title), id)`.execute(db);
  await sql`create index deals_close_date_sort_idx on deals (coalesce(expected_close_date, 'infinity'::date), id)`.execute(db);
  // Scope and filters; (pipeline, stage, status) also serves the funnel summary and the stage-in-use check.
  await db.schema.createIndex('deals_customer_idx').on('deals').column('customer_id').execute();
  await db.schema.createIndex('deals_owner_idx').on('deals').column('owner_id').execute();
  await db.schema.createIndex('deals_pipeline_stage_idx').on('deals').columns(['pipeline_id', 'stage_key', 'status']).execute();
  await db.schema.createIndex('deals_process_instance_idx').on('deals').column('process_instance_id').execute();

  await db.schema
    .createTable('deal_stage_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('deal_id', 'uuid', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change in ('create','update','stage','close','reopen')`))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('currency', sql`char(3)`, (c) => c.notNull())
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('by_user_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('on_behalf_of_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('deal_stage_history_deal_idx').on('deal_stage_history').columns(['deal_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['deal_stage_history', 'deals', 'pipeline_stages', 'pipelines']) {
    await db.schema.dropTable(table).execute();
  }
}
