import { sql, type Kysely } from 'kysely';

/**
 * Relations between people (spouse, parent/child, …). Each relation is stored once:
 * symmetric types with the smaller id first (so "A spouse B" and "B spouse A" are the
 * same row and the unique key catches the second), and the one directed type, `parent`,
 * from the parent to the child — "child" is the same row read from the other side.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_relations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('from_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('to_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('spouse','partner','sibling','parent','other')`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('customer_relations_not_self', sql`from_id <> to_id`)
    .addCheckConstraint('customer_relations_canonical', sql`type = 'parent' or from_id < to_id`)
    .addUniqueConstraint('customer_relations_pair_key', ['from_id', 'to_id', 'type'])
    .execute();
  // The unique key serves "relations from X"; this serves "relations to X".
  await db.schema.createIndex('customer_relations_to_idx').on('customer_relations').column('to_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_relations').execute();
}
