import { sql, type Insertable, type Kysely, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import { discounted } from '../products/money.js';
import { decodeCursor, encodeCursor, likePrefix } from '../keyset-cursor.js';
import type { ListPriceListsQuery, PriceListFields } from './price-list.schemas.js';
import type { PriceListRow, PriceListTable } from './price-list.tables.js';

type Db = Kysely<Database>;

/** A list's columns as the API reads them: dates and percentages as text (no time zone, no float). */
const PRICE_LIST_COLUMNS = [
  'price_lists.id',
  'price_lists.name',
  sql<string>`price_lists.currency::text`.as('currency'),
  sql<string | null>`price_lists.valid_from::text`.as('valid_from'),
  sql<string | null>`price_lists.valid_to::text`.as('valid_to'),
  'price_lists.customer_statuses',
  sql<string | null>`price_lists.discount_percent::text`.as('discount_percent'),
  'price_lists.version',
  'price_lists.created_at',
  'price_lists.updated_at',
] as const;

export type PriceListWithCount = PriceListRow & { item_count: number };

const itemCount = sql<number>`(select count(*)::int from price_list_items i where i.price_list_id = price_lists.id)`.as('item_count');

export async function findPriceList(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<PriceListWithCount | undefined> {
  if (options.forUpdate) await db.selectFrom('price_lists').select('id').where('id', '=', id).forUpdate().execute();
  return db.selectFrom('price_lists').select(PRICE_LIST_COLUMNS).select(itemCount).where('price_lists.id', '=', id).executeTakeFirst();
}

export async function insertPriceList(db: Db, values: Insertable<PriceListTable>): Promise<string> {
  return (await db.insertInto('price_lists').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePriceListRow(db: Db, id: string, set: Updateable<PriceListTable>): Promise<void> {
  await db.updateTable('price_lists').set(set).where('id', '=', id).execute();
}

/**
 * Price lists filtered, sorted and keyset-paginated (`(sort key, id) > cursor`). `customerStatus`
 * keeps the lists that apply to it, those for every status included.
 */
export async function listPriceLists(db: Db, q: ListPriceListsQuery) {
  const descending = q.sort.startsWith('-');
  const direction = descending ? 'desc' : 'asc';
  const byName = q.sort.endsWith('name');
  const key = byName ? sql`lower(price_lists.name)` : sql`price_lists.created_at`;
  let query = db
    .selectFrom('price_lists')
    .select(PRICE_LIST_COLUMNS)
    .select(itemCount)
    .select(sql<string>`lower(price_lists.name)`.as('sort_name'))
    .orderBy(key, direction)
    .orderBy('price_lists.id', direction)
    .limit(q.limit + 1);
  if (q.q) query = query.where(sql<SqlBool>`lower(price_lists.name) like ${likePrefix(q.q.toLowerCase())}`);
  if (q.currency) query = query.where('price_lists.currency', '=', q.currency);
  if (q.customerStatus) query = query.where(sql<SqlBool>`(price_lists.customer_statuses = '{}' or price_lists.customer_statuses @> array[${q.customerStatus}]::text[])`);
  if (q.validOn) query = query.where(validOn(q.validOn));
  if (q.productId) {
    const productId = q.productId;
    query = query.where((eb) => eb.exists(eb.selectFrom('price_list_items as i').select('i.product_id').whereRef('i.price_list_id', '=', 'price_lists.id').where('i.product_id', '=', productId)));
  }
  if (q.after) {
    const cursor = decodeCursor(q.after, q.sort, byName ? undefined : (k) => !Number.isNaN(Date.parse(k)));
    const value = byName ? sql`${cursor.key}::text` : sql`${cursor.key}::timestamptz`;
    query = query.where(sql<SqlBool>`(${key}, price_lists.id) ${sql.raw(descending ? '<' : '>')} (${value}, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor(q.sort, byName ? last.sort_name : last.created_at.toISOString(), last.id) : null;
  return { rows: page as PriceListWithCount[], nextCursor };
}

/** Valid on `day` (inclusive bounds; a null bound is open). */
export const validOn = (day: string) =>
  sql<SqlBool>`(price_lists.valid_from is null or price_lists.valid_from <= ${day}::date) and (price_lists.valid_to is null or price_lists.valid_to >= ${day}::date)`;

/** A list's items joined to their products (for the SKU order and the effective price). */
function itemsOf(db: Db, priceListId: string) {
  return db
    .selectFrom('price_list_items as i')
    .innerJoin('products as p', 'p.id', 'i.product_id')
    .select([
      'i.product_id',
      'p.sku',
      'p.name',
      sql<string>`p.base_price::text`.as('base_price'),
      sql<string>`p.currency::text`.as('product_currency'),
      sql<string | null>`i.price::text`.as('price'),
      sql<string | null>`i.discount_percent::text`.as('discount_percent'),
      sql<string>`lower(p.sku)`.as('sort_sku'),
    ])
    .where('i.price_list_id', '=', priceListId);
}

/** A list's items with their products, by SKU, keyset-paginated on (lower(sku), product id). */
export async function listItems(db: Db, priceListId: string, limit: number, after?: string) {
  let query = itemsOf(db, priceListId)
    .orderBy(sql`lower(p.sku)`)
    .orderBy('i.product_id')
    .limit(limit + 1);
  if (after) {
    const cursor = decodeCursor(after, 'sku');
    query = query.where(sql<SqlBool>`(lower(p.sku), i.product_id) > (${cursor.key}::text, ${cursor.id}::uuid)`);
  }
  const rows = await query.execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor('sku', last.sort_sku, last.product_id) : null };
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>['rows'][number];

export function toItemDto(row: ItemRow) {
  return {
    productId: row.product_id,
    sku: row.sku,
    name: row.name,
    basePrice: row.base_price,
    productCurrency: row.product_currency,
    price: row.price,
    discountPercent: row.discount_percent,
    effectivePrice: row.price ?? discounted(row.base_price, row.discount_percent!),
  };
}

export async function findItem(db: Db, priceListId: string, productId: string): Promise<ItemRow | undefined> {
  return (await listItemsOf(db, priceListId, [productId]))[0];
}

async function listItemsOf(db: Db, priceListId: string, productIds: string[]): Promise<ItemRow[]> {
  return itemsOf(db, priceListId)
    .where('i.product_id', 'in', productIds)
    .execute();
}

export async function upsertItems(db: Db, priceListId: string, items: Array<{ productId: string; price: string | null; discountPercent: string | null }>): Promise<void> {
  if (!items.length) return;
  await db
    .insertInto('price_list_items')
    .values(items.map((i) => ({ price_list_id: priceListId, product_id: i.productId, price: i.price, discount_percent: i.discountPercent })))
    .onConflict((oc) => oc.columns(['price_list_id', 'product_id']).doUpdateSet((eb) => ({ price: eb.ref('excluded.price'), discount_percent: eb.ref('excluded.discount_percent') })))
    .execute();
}

export function fieldsOf(row: PriceListRow): PriceListFields {
  return {
    name: row.name,
    currency: row.currency,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    customerStatuses: row.customer_statuses,
    discountPercent: row.discount_percent,
  };
}

export function toPriceListDto(row: PriceListWithCount) {
  return { id: row.id, ...fieldsOf(row), itemCount: row.item_count, version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}

export type PriceListDto = ReturnType<typeof toPriceListDto>;
