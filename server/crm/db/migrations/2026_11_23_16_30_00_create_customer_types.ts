import { sql, type Kysely } from 'kysely';

/**
 * Customer types (individual, institutional, employer, …): each carries the JSON Schema
 * its customers' custom fields must satisfy. A customer's type is optional.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_types')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('person','company')`))
    .addColumn('fields_schema', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.alterTable('customers').addColumn('type_id', 'uuid', (c) => c.references('customer_types.id')).execute();
  await db.schema.createIndex('customers_type_idx').on('customers').column('type_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('type_id').execute();
  await db.schema.dropTable('customer_types').execute();
}
