import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CustomerKind } from '../customers/customer.table.js';

/** A kind of customer with its own attributes: `fields_schema` validates `custom_fields`. */
export interface CustomerTypeTable {
  id: Generated<string>;
  key: string;
  name: string;
  kind: CustomerKind;
  fields_schema: ColumnType<Record<string, unknown>, string, string>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export type CustomerTypeRow = Selectable<CustomerTypeTable>;
