import { sql, type Kysely } from 'kysely';

/**
 * Product categories (a tree with a JSON Schema of fields each), products, price lists with
 * their items, and product lines on deals.
 *
 * Categories use the org chart's materialised path (`/<root>/<child>/…/<own id>/`): "this
 * category and its subcategories" is one `path LIKE x || '%'` range scan, which the product
 * list's category filter and the effective-schema lookup (ancestors) both need.
 *
 * Search is by prefix of `lower(name)` / `lower(sku)` on `text_pattern_ops` indexes (pg_trgm
 * is not loaded on PGlite). Attribute equality filters use containment (`@>`) on a
 * `jsonb_path_ops` GIN index. Money is `numeric(14,2)` as on deals, never a float.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('product_categories')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'uuid', (c) => c.references('product_categories.id'))
    .addColumn('path', 'text', (c) => c.notNull().unique())
    // json, not jsonb: the order of the fields is the order an admin wrote them in, and the
    // order the comparison table shows them in (jsonb would sort the keys).
    .addColumn('fields_schema', 'json', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index product_categories_path_prefix_idx on product_categories (path text_pattern_ops)`.execute(db);
  await db.schema.createIndex('product_categories_parent_idx').on('product_categories').column('parent_id').execute();

  await db.schema
    .createTable('products')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('category_id', 'uuid', (c) => c.references('product_categories.id'))
    .addColumn('attributes', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('base_price', sql`numeric(14,2)`, (c) => c.notNull().check(sql`base_price >= 0`))
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // One SKU per product whatever its case; the same index serves sku prefix search.
  await sql`create unique index products_sku_key on products (lower(sku) text_pattern_ops)`.execute(db);
  await sql`create index products_name_prefix_idx on products (lower(name) text_pattern_ops)`.execute(db);
  // Sorting + keyset pages: (sort key, id).
  await sql`create index products_name_sort_idx on products (lower(name), id)`.execute(db);
  await sql`create index products_sku_sort_idx on products (lower(sku), id)`.execute(db);
  await db.schema.createIndex('products_created_sort_idx').on('products').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('products_price_sort_idx').on('products').columns(['base_price', 'id']).execute();
  // Filters.
  await db.schema.createIndex('products_category_idx').on('products').column('category_id').execute();
  await db.schema.createIndex('products_active_idx').on('products').column('active').execute();
  await sql`create index products_attributes_idx on products using gin (attributes jsonb_path_ops)`.execute(db);

  await db.schema
    .createTable('price_lists')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', sql`char(3)`, (c) => c.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    // Empty: for customers of every status (the least specific list).
    .addColumn('customer_statuses', sql`text[]`, (c) =>
      c.notNull().defaultTo(sql`'{}'`).check(sql`customer_statuses <@ array['new','regular','qualified','unqualified','lost']::text[]`),
    )
    // A discount on the base price of every product the list has no item for (null: none).
    .addColumn('discount_percent', sql`numeric(5,2)`, (c) => c.check(sql`discount_percent between 0 and 100`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('price_lists_validity_check', sql`valid_to is null or valid_from is null or valid_to >= valid_from`)
    .execute();
  await sql`create index price_lists_name_sort_idx on price_lists (lower(name), id)`.execute(db);
  await sql`create index price_lists_name_prefix_idx on price_lists (lower(name) text_pattern_ops)`.execute(db);
  await db.schema.createIndex('price_lists_created_sort_idx').on('price_lists').columns(['created_at', 'id']).execute();
  // Resolution and the validAt / currency filters.
  await db.schema.createIndex('price_lists_currency_validity_idx').on('price_lists').columns(['currency', 'valid_from', 'valid_to']).execute();
  await sql`create index price_lists_statuses_idx on price_lists using gin (customer_statuses)`.execute(db);

  await db.schema
    .createTable('price_list_items')
    .addColumn('price_list_id', 'uuid', (c) => c.notNull().references('price_lists.id').onDelete('cascade'))
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
    .addColumn('price', sql`numeric(14,2)`, (c) => c.check(sql`price >= 0`))
    .addColumn('discount_percent', sql`numeric(5,2)`, (c) => c.check(sql`discount_percent between 0 and 100`))
    .addPrimaryKeyConstraint('price_list_items_pkey', ['price_list_id', 'product_id'])
    .addCheckConstraint('price_list_items_one_rule_check', sql`(price is null) <> (discount_percent is null)`)
    .execute();
  // "Which lists price this product" (resolution) and "is this product on a list".
  await db.schema.createIndex('price_list_items_product_idx').on('price_list_items').column('product_id').execute();

  await db.schema
    .createTable('deal_lines')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('deal_id', 'uuid', (c) => c.notNull().references('deals.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'uuid', (c) => c.notNull().references('products.id'))
    .addColumn('description', 'text')
    .addColumn('quantity', sql`numeric(14,3)`, (c) => c.notNull().check(sql`quantity > 0`))
    .addColumn('unit_price', sql`numeric(14,2)`, (c) => c.notNull().check(sql`unit_price >= 0`))
    .addColumn('discount_percent', sql`numeric(5,2)`, (c) => c.notNull().defaultTo(0).check(sql`discount_percent between 0 and 100`))
    .addColumn('line_total', sql`numeric(14,2)`, (c) => c.notNull().check(sql`line_total >= 0`))
    // The list the default unit price came from (null: given by hand, or the base price).
    .addColumn('price_list_id', 'uuid', (c) => c.references('price_lists.id').onDelete('set null'))
    .addUniqueConstraint('deal_lines_position_key', ['deal_id', 'position'])
    .execute();
  await db.schema.createIndex('deal_lines_product_idx').on('deal_lines').column('product_id').execute();
  await db.schema.createIndex('deal_lines_price_list_idx').on('deal_lines').column('price_list_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['deal_lines', 'price_list_items', 'price_lists', 'products', 'product_categories']) {
    await db.schema.dropTable(table).execute();
  }
}
