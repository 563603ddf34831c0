import { sql, type Kysely } from 'kysely';

/**
 * The lead inbox (kept apart from customers: leads are unchecked data from web forms, fair
 * cards and bought lists), CSV imports and their per-row problem reports.
 *
 * - `leads.fingerprint` is a hash of an imported row's normalised values, unique across all
 *   imports: the same row imported twice is reported as a duplicate of the first lead, and
 *   re-importing a file creates nothing. Leads typed in by hand carry none.
 * - E-mail and phone are kept normalised beside what was typed (lower-case; digits only),
 *   for search and for the duplicate check on conversion.
 * - Search is by prefix (btree `text_pattern_ops`): pg_trgm is not loaded on PGlite.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lead_imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running').check(sql`status in ('running','completed','failed')`))
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('delimiter', 'text', (c) => c.notNull())
    .addColumn('mapping', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_detail', 'text')
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'uuid', (c) => c.references('org_units.id'))
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_expected', 'bigint')
    .addColumn('total_rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .execute();
  // "My imports", newest first (keyset on started_at, id).
  await db.schema.createIndex('lead_imports_creator_idx').on('lead_imports').columns(['created_by', 'started_at', 'id']).execute();

  await db.schema
    .createTable('lead_import_problems')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('lead_imports.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'uuid')
    .addColumn('raw', 'text')
    .execute();
  // The report, paged in file order.
  await db.schema.createIndex('lead_import_problems_report_idx').on('lead_import_problems').columns(['import_id', 'row', 'id']).execute();

  await db.schema
    .createTable('leads')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('new').check(sql`status in ('new','contacted','qualified','disqualified','converted')`),
    )
    .addColumn('disqualify_reason', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_detail', 'text')
    .addColumn('person_name', 'text')
    .addColumn('company_name', 'text')
    .addColumn('email', 'text')
    .addColumn('email_normalized', 'text')
    .addColumn('phone', 'text')
    .addColumn('phone_normalized', 'text')
    .addColumn('purpose', 'text')
    .addColumn('notes', 'text')
    .addColumn('products_of_interest', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'uuid', (c) => c.references('org_units.id'))
    .addColumn('custom_data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('import_id', 'uuid', (c) => c.references('lead_imports.id'))
    .addColumn('import_row', 'integer')
    .addColumn('fingerprint', 'text')
    // A merge or deletion elsewhere may remove the customer or deal: the lead stays converted.
    .addColumn('converted_customer_id', 'uuid', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('converted_deal_id', 'uuid', (c) => c.references('deals.id').onDelete('set null'))
    .addColumn('converted_at', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('leads_named', sql`person_name is not null or company_name is not null`)
    .addCheckConstraint('leads_disqualified_reason', sql`(status = 'disqualified') = (disqualify_reason is not null)`)
    .execute();
  await sql`create unique index leads_fingerprint_idx on leads (fingerprint) where fingerprint is not null`.execute(db);
  // Sorting + keyset pages: (sort key, id).
  await db.schema.createIndex('leads_created_sort_idx').on('leads').columns(['created_at', 'id']).execute();
  await sql`create index leads_name_sort_idx on leads (lower(coalesce(person_name, company_name)), id)`.execute(db);
  // q = prefix of a name, an e-mail or a phone's digits.
  await sql`create index leads_person_prefix_idx on leads (lower(person_name) text_pattern_ops)`.execute(db);
  await sql`create index leads_company_prefix_idx on leads (lower(company_name) text_pattern_ops)`.execute(db);
  await sql`create index leads_email_prefix_idx on leads (email_normalized text_pattern_ops)`.execute(db);
  await sql`create index leads_phone_prefix_idx on leads (phone_normalized text_pattern_ops)`.execute(db);
  // Scope and filters; statistics per channel over a period.
  await db.schema.createIndex('leads_owner_idx').on('leads').column('owner_id').execute();
  await db.schema.createIndex('leads_unit_idx').on('leads').column('unit_id').execute();
  await db.schema.createIndex('leads_status_idx').on('leads').column('status').execute();
  await db.schema.createIndex('leads_source_created_idx').on('leads').columns(['source', 'created_at']).execute();
  await db.schema.createIndex('leads_import_idx').on('leads').columns(['import_id', 'import_row']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('leads').execute();
  await db.schema.dropTable('lead_import_problems').execute();
  await db.schema.dropTable('lead_imports').execute();
}
