import { sql, type Kysely } from 'kysely';

/**
 * Segments: named customer lists. A static one has explicit members (segment_members); a
 * dynamic one has a filter (jsonb, see server/crm/segments/segment-filter.*) evaluated in
 * SQL whenever it is read, so its members never go stale.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('segments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('static','dynamic')`))
    .addColumn('filter', 'jsonb')
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('segments_dynamic_filter', sql`kind = 'static' or filter is not null`)
    .execute();
  // The list: sorted and keyset-paged by name, filtered by owner and kind.
  await sql`create index segments_name_sort_idx on segments (lower(name), id)`.execute(db);
  await sql`create index segments_name_prefix_idx on segments (lower(name) text_pattern_ops)`.execute(db);
  await db.schema.createIndex('segments_owner_idx').on('segments').columns(['owner_id', 'kind']).execute();

  await db.schema
    .createTable('segment_members')
    .addColumn('segment_id', 'uuid', (c) => c.notNull().references('segments.id').onDelete('cascade'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('segment_members_pkey', ['segment_id', 'customer_id'])
    .execute();
  await db.schema.createIndex('segment_members_customer_idx').on('segment_members').column('customer_id').execute();

  // Dynamic filters: `custom.<name> eq v` compiles to `custom_fields @> {"<name>": v}`, which this serves.
  await sql`create index customers_custom_fields_idx on customers using gin (custom_fields jsonb_path_ops)`.execute(db);
  // Filters on source and region (equality / in).
  await db.schema.createIndex('customers_source_idx').on('customers').column('source').execute();
  await db.schema.createIndex('customers_region_idx').on('customers').column('region').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index customers_region_idx`.execute(db);
  await sql`drop index customers_source_idx`.execute(db);
  await sql`drop index customers_custom_fields_idx`.execute(db);
  await db.schema.dropTable('segment_members').execute();
  await db.schema.dropTable('segments').execute();
}
