import type { ColumnType, Generated, Selectable } from 'kysely';

type Decimal = ColumnType<string, string, string>;

/** One product line of a deal; `line_total` = quantity × unit price − discount, rounded to cents. */
export interface DealLineTable {
  id: Generated<string>;
  deal_id: string;
  position: number;
  product_id: string;
  description: string | null;
  quantity: Decimal;
  unit_price: Decimal;
  discount_percent: Decimal;
  line_total: Decimal;
  price_list_id: string | null;
}

export type DealLineRow = Selectable<DealLineTable>;
