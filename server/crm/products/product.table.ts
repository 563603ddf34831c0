import type { ColumnType, Generated, Selectable } from 'kysely';

/** `numeric(14,2)`: both drivers read it as a string; written as a string too. */
type Money = ColumnType<string, string, string>;

export interface ProductTable {
  id: Generated<string>;
  sku: string;
  name: string;
  description: string | null;
  category_id: string | null;
  attributes: ColumnType<Record<string, unknown>, string, string>;
  unit: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  base_price: Money;
  currency: string;
  version: ColumnType<number, never, number>;
  /** Set by the app to the millisecond, so a keyset cursor (a JS date) compares exactly. */
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

export type ProductRow = Selectable<ProductTable>;
