import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CustomerStatus } from '../customers/customer.table.js';

/** `date`: read as text (see price-lists.repository.ts) so no time zone ever shifts it. */
type DateOnly = ColumnType<string | null, string | null, string | null>;

/**
 * A price list: prices in one currency for customers of some statuses (none named: every
 * status), valid on the days `[valid_from, valid_to]` (inclusive; null = unbounded).
 * `discount_percent` applies to every product the list has no item for.
 */
export interface PriceListTable {
  id: Generated<string>;
  name: string;
  currency: string;
  valid_from: DateOnly;
  valid_to: DateOnly;
  customer_statuses: CustomerStatus[];
  discount_percent: ColumnType<string | null, string | null, string | null>;
  version: ColumnType<number, never, number>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

/** One product on a list: a fixed price, or a discount on the product's base price. */
export interface PriceListItemTable {
  price_list_id: string;
  product_id: string;
  price: ColumnType<string | null, string | null, string | null>;
  discount_percent: ColumnType<string | null, string | null, string | null>;
}

export type PriceListRow = Selectable<PriceListTable>;
export type PriceListItemRow = Selectable<PriceListItemTable>;
