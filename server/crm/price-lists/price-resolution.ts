import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/tables/index.js';
import type { CustomerStatus } from '../customers/customer.table.js';
import { discounted } from '../products/money.js';
import type { ProductRow } from '../products/product.table.js';
import { validOn } from './price-lists.repository.js';

export interface ResolvedPrice {
  readonly price: string;
  readonly currency: string;
  /** `base`: the product's base price; `item`: a list item's fixed price; `discount`: a list's discount on the base price. */
  readonly source: 'base' | 'item' | 'discount';
  readonly priceList: { id: string; name: string } | null;
}

interface Candidate {
  id: string;
  name: string;
  customer_statuses: string[];
  valid_from: string | null;
  valid_to: string | null;
  list_discount: string | null;
  created_at: Date;
  item_price: string | null;
  item_discount: string | null;
  has_item: boolean;
}

/**
 * The price of `product` for a customer of `status` (null: unknown — only lists for every
 * status apply) in `currency`, on `day`. A list applies when it is in that currency, valid
 * that day (inclusive bounds), meant for the status (or for every status), and prices the
 * product — by an item, or by its list-wide discount when the product's base price is in that
 * currency. Of the lists that apply, THE MOST SPECIFIC wins:
 *   1. a list naming statuses beats one for every status, and fewer statuses beat more
 *      (a list for `regular` customers only is aimed more closely than one for `regular, new`);
 *   2. then an item for the product beats a list-wide discount;
 *   3. then the shorter validity window (a two-week promotion beats the standing list;
 *      an open bound counts as endless);
 *   4. then the newer list (created later), and finally the id, so the answer is stable.
 * With no list, the base price — if it is in the currency asked; else `undefined` (no price).
 */
export async function resolvePrice(db: Kysely<Database>, product: ProductRow, status: CustomerStatus | null, currency: string, day: string): Promise<ResolvedPrice | undefined> {
  const sameCurrency = product.currency === currency;
  const candidates = (await db
    .selectFrom('price_lists')
    .leftJoin('price_list_items as i', (join) => join.onRef('i.price_list_id', '=', 'price_lists.id').on('i.product_id', '=', product.id))
    .select([
      'price_lists.id',
      'price_lists.name',
      'price_lists.customer_statuses',
      sql<string | null>`price_lists.valid_from::text`.as('valid_from'),
      sql<string | null>`price_lists.valid_to::text`.as('valid_to'),
      sql<string | null>`price_lists.discount_percent::text`.as('list_discount'),
      'price_lists.created_at',
      sql<string | null>`i.price::text`.as('item_price'),
      sql<string | null>`i.discount_percent::text`.as('item_discount'),
      sql<boolean>`i.product_id is not null`.as('has_item'),
    ])
    .where('price_lists.currency', '=', currency)
    .where(validOn(day))
    .where(status === null ? sql<SqlBool>`price_lists.customer_statuses = '{}'` : sql<SqlBool>`(price_lists.customer_statuses = '{}' or price_lists.customer_statuses @> array[${status}]::text[])`)
    .where(sameCurrency ? sql<SqlBool>`(i.product_id is not null or price_lists.discount_percent is not null)` : sql<SqlBool>`i.price is not null`)
    .execute()) as Candidate[];

  const best = candidates.sort(bySpecificity)[0];
  if (!best) return sameCurrency ? { price: product.base_price, currency, source: 'base', priceList: null } : undefined;
  const list = { id: best.id, name: best.name };
  if (best.item_price !== null) return { price: best.item_price, currency, source: 'item', priceList: list };
  return { price: discounted(product.base_price, (best.item_discount ?? best.list_discount)!), currency, source: 'discount', priceList: list };
}

/** Negative when `a` is the more specific list (see resolvePrice). */
function bySpecificity(a: Candidate, b: Candidate): number {
  return (
    audience(a) - audience(b) ||
    Number(b.has_item) - Number(a.has_item) ||
    windowDays(a) - windowDays(b) ||
    b.created_at.getTime() - a.created_at.getTime() ||
    a.id.localeCompare(b.id)
  );
}

/** How many statuses a list is for: an all-status list counts as more than any named set. */
const audience = (c: Candidate) => (c.customer_statuses.length === 0 ? Number.MAX_SAFE_INTEGER : c.customer_statuses.length);

const windowDays = (c: Candidate) =>
  c.valid_from === null || c.valid_to === null ? Number.MAX_SAFE_INTEGER : (Date.parse(c.valid_to) - Date.parse(c.valid_from)) / 86_400_000;

/** Today's date in UTC: the day price lists are judged on unless a day is given. */
export const today = () => new Date().toISOString().slice(0, 10);
