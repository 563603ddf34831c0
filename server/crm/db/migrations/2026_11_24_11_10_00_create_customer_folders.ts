import { sql, type Kysely } from 'kysely';

/** A user's private folders ("teczki") grouping customers; a customer may sit in many folders. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('customer_folders')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One name per owner (case-insensitive); also serves the owner's list, sorted and keyset-paged by name.
  await sql`create unique index customer_folders_owner_name_key on customer_folders (owner_id, lower(name))`.execute(db);

  await db.schema
    .createTable('customer_folder_members')
    .addColumn('folder_id', 'uuid', (c) => c.notNull().references('customer_folders.id').onDelete('cascade'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('customer_folder_members_pkey', ['folder_id', 'customer_id'])
    .execute();
  // The key serves "a folder's customers" (the customer list's folderId filter); this, "a customer's folders".
  await db.schema.createIndex('customer_folder_members_customer_idx').on('customer_folder_members').column('customer_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('customer_folder_members').execute();
  await db.schema.dropTable('customer_folders').execute();
}
