import { sql, type ExpressionBuilder, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { invalidField } from '../shared.js';
import { decodeCursor, encodeCursor, likePrefix } from '../keyset-cursor.js';
import { MAX_ATTRIBUTE_FILTERS, type ListProductsQuery, type ProductFields, type ProductSort } from './product.schemas.js';
import type { ProductRow, ProductTable } from './product.table.js';

type Db = Kysely<Database>;

/** A product's columns as the API reads them: the price as text, never a float. */
export const PRODUCT_COLUMNS = [
  'products.id',
  'products.sku',
  'products.name',
  'products.description',
  'products.category_id',
  'products.attributes',
  'products.unit',
  'products.active',
  sql<string>`products.base_price::text`.as('base_price'),
  sql<string>`products.currency::text`.as('currency'),
  'products.version',
  'products.created_at',
  'products.updated_at',
] as const;

export async function findProduct(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<ProductRow | undefined> {
  let query = db.selectFrom('products').select(PRODUCT_COLUMNS).where('products.id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findProducts(db: Db, ids: readonly string[]): Promise<ProductRow[]> {
  if (!ids.length) return [];
  return db.selectFrom('products').select(PRODUCT_COLUMNS).where('products.id', 'in', [...ids]).execute();
}

export async function insertProduct(db: Db, values: Insertable<ProductTable>): Promise<ProductRow> {
  return db.insertInto('products').values(values).returning(PRODUCT_COLUMNS).executeTakeFirstOrThrow();
}

export async function updateProductRow(db: Db, id: string, set: Updateable<ProductTable>): Promise<ProductRow> {
  return db.updateTable('products').set(set).where('id', '=', id).returning(PRODUCT_COLUMNS).executeTakeFirstOrThrow();
}

const KEY_SHAPES: Record<string, (key: string) => boolean> = {
  name: () => true,
  sku: () => true,
  basePrice: (key) => /^[0-9]{1,12}(\.[0-9]{1,2})?$/.test(key),
  createdAt: (key) => !Number.isNaN(Date.parse(key)),
};

function sortKey(sort: ProductSort) {
  const field = sort.replace(/^-/, '');
  if (field === 'sku') return { field, key: sql`lower(products.sku)`, cast: sql`text` };
  if (field === 'basePrice') return { field, key: sql`products.base_price`, cast: sql`numeric` };
  if (field === 'createdAt') return { field, key: sql`products.created_at`, cast: sql`timestamptz` };
  return { field, key: sql`lower(products.name)`, cast: sql`text` };
}

/**
 * Products filtered, sorted and keyset-paginated: the page after the cursor is
 * `(sort key, id) > (cursor key, cursor id)` — one index range, stable under inserts.
 * The category filter takes the category's whole subtree (its path prefix).
 */
export async function listProducts(db: Db, q: ListProductsQuery, categoryPath?: string) {
  const descending = q.sort.startsWith('-');
  const direction = descending ? 'desc' : 'asc';
  const { field, key, cast } = sortKey(q.sort);
  let query = db
    .selectFrom('products')
    .select(PRODUCT_COLUMNS)
    .select(sql<string>`(${key})::text`.as('sort_key'))
    .orderBy(key, direction)
    .orderBy('products.id', direction)
    .limit(q.limit + 1);
  if (categoryPath !== undefined) {
    query = query.where('products.category_id', 'in', (eb) => eb.selectFrom('product_categories').select('id').where('path', 'like', likePrefix(categoryPath)));
  }
  if (q.active !== undefined) query = query.where('products.active', '=', q.active);
  if (q.currency) query = query.where('products.currency', '=', q.currency);
  if (q.q) {
    const prefix = likePrefix(q.q.toLowerCase());
    query = query.where(sql<SqlBool>`(lower(products.name) like ${prefix} or lower(products.sku) like ${prefix})`);
  }
  for (const filter of attributeFilters(q)) query = query.where(filter);
  if (q.after) {
    const cursor = decodeCursor(q.after, q.sort, KEY_SHAPES[field]);
    query = query.where(sql<SqlBool>`(${key}, products.id) ${sql.raw(descending ? '<' : '>')} (${cursor.key}::${cast}, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const lastKey = last && (field === 'createdAt' ? last.created_at.toISOString() : last.sort_key);
  return { rows: page as ProductRow[], nextCursor: rows.length > q.limit && last && lastKey !== undefined ? encodeCursor(q.sort, lastKey, last.id) : null };
}

/**
 * `attr.<name>=<value>` → containment tests on the GIN index. A query value is text, an
 * attribute may be a string, number, boolean or a list: "42" matches 42 and "42", "true"
 * matches true, and any value matches a list that contains it.
 */
function attributeFilters(q: ListProductsQuery) {
  const entries = Object.entries(q).filter(([k, v]) => k.startsWith('attr.') && typeof v === 'string') as Array<[string, string]>;
  if (entries.length > MAX_ATTRIBUTE_FILTERS) throw invalidField('querystring', `takes at most ${MAX_ATTRIBUTE_FILTERS} attr.<name> filters`);
  return entries.map(([k, text]) => {
    const name = k.slice('attr.'.length);
    const values: unknown[] = [text];
    if (/^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/.test(text)) values.push(Number(text));
    if (text === 'true' || text === 'false') values.push(text === 'true');
    const documents = values.flatMap((value) => [{ [name]: value }, { [name]: [value] }]).map((d) => JSON.stringify(d));
    return (eb: ExpressionBuilder<Database, 'products'>) => eb.or(documents.map((d) => sql<SqlBool>`products.attributes @> ${d}::jsonb`));
  });
}

export function toColumns(fields: ProductFields) {
  return {
    sku: fields.sku,
    name: fields.name,
    description: fields.description,
    category_id: fields.categoryId,
    attributes: JSON.stringify(fields.attributes),
    unit: fields.unit,
    active: fields.active,
    base_price: fields.basePrice,
    currency: fields.currency,
  };
}

export function fieldsOf(row: ProductRow): ProductFields {
  return {
    sku: row.sku,
    name: row.name,
    description: row.description,
    categoryId: row.category_id,
    attributes: row.attributes,
    unit: row.unit,
    active: row.active,
    basePrice: row.base_price,
    currency: row.currency,
  };
}

export function toProductDto(row: ProductRow) {
  return { id: row.id, ...fieldsOf(row), version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

export type ProductDto = ReturnType<typeof toProductDto>;
