import type { ColumnType, Selectable } from 'kysely';

/**
 * A node of the category tree. `fields_schema` holds the category's OWN fields (a JSON Schema
 * of type object); a product is validated against the merge of its category's schema with
 * every ancestor's (see effective-schema.ts). `path` is `/<root id>/…/<own id>/`.
 */
export interface ProductCategoryTable {
  id: string;
  key: string;
  name: string;
  parent_id: string | null;
  path: string;
  fields_schema: ColumnType<Record<string, unknown>, string, string>;
  version: ColumnType<number, never, number>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export type ProductCategoryRow = Selectable<ProductCategoryTable>;
