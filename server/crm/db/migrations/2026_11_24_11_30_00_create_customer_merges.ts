import { type Kysely } from 'kysely';

/**
 * Where merged duplicates went. A merge deletes the duplicate's row (so no customer query
 * anywhere has to remember to skip merged rows) and leaves this pointer, so a later read of
 * the old id can answer "merged into X" instead of a bare 404, and the survivor's timeline
 * can still find the history written under the old id.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_merges')
    .addColumn('merged_id', 'uuid', (c) => c.primaryKey())
    .addColumn('survivor_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('merged_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('merged_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_merges_survivor_idx').on('customer_merges').column('survivor_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_merges').execute();
}
