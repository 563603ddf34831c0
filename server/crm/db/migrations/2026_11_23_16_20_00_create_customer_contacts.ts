import { sql, type Kysely } from 'kysely';

/** People linked to companies with a function ("CFO", "buyer"); one person may serve several companies. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_contacts')
    .addColumn('company_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('function', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('customer_contacts_pkey', ['company_id', 'person_id'])
    .execute();
  // The primary key serves "a company's people"; this serves "a person's companies".
  await db.schema.createIndex('customer_contacts_person_idx').on('customer_contacts').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_contacts').execute();
}
