import { sql, type Kysely } from 'kysely';

/**
 * Customers, and the identifiers (e-mail, phone, tax id) pulled out of them into one
 * narrow table so that duplicate checks (equality) and search (prefix) are index lookups.
 * pg_trgm is not loaded on PGlite, so search is by prefix: btree `text_pattern_ops`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person','company')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('emails', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('phones', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('addresses', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('new').check(sql`status in ('new','regular','qualified','unqualified','lost')`),
    )
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('owner_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('unit_id', 'uuid', (c) => c.references('org_units.id'))
    .addColumn('region', 'text')
    .addColumn('source', 'text')
    .addColumn('tax_id', 'text')
    .addColumn('custom_fields', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Sorting + keyset pages: (sort key, id) in both supported orders.
  await sql`create index customers_name_sort_idx on customers (lower(name), id)`.execute(db);
  await db.schema.createIndex('customers_created_sort_idx').on('customers').columns(['created_at', 'id']).execute();
  // q = name prefix.
  await sql`create index customers_name_prefix_idx on customers (lower(name) text_pattern_ops)`.execute(db);
  // Scope and filters.
  await db.schema.createIndex('customers_owner_idx').on('customers').column('owner_id').execute();
  await db.schema.createIndex('customers_unit_idx').on('customers').column('unit_id').execute();
  await db.schema.createIndex('customers_status_idx').on('customers').column('status').execute();
  await sql`create index customers_categories_idx on customers using gin (categories)`.execute(db);

  await db.schema
    .createTable('customer_identifiers')
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('email','phone','taxId')`))
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_identifiers_pkey', ['customer_id', 'kind', 'value'])
    .execute();
  await sql`create index customer_identifiers_lookup_idx on customer_identifiers (kind, value text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_identifiers').execute();
  await db.schema.dropTable('customers').execute();
}
