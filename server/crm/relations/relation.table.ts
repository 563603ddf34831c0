import type { ColumnType, Generated, Selectable } from 'kysely';

/** What a related person is to a customer, as the API speaks of it ("X is A's parent"). */
export const RELATION_TYPES = ['spouse', 'partner', 'sibling', 'parent', 'child', 'other'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** As stored: `child` is a `parent` row read from the child's side. */
export type StoredRelationType = Exclude<RelationType, 'child'>;

/**
 * One relation between two persons, stored once: symmetric types with `from_id < to_id`,
 * `parent` from the parent (`from_id`) to the child (`to_id`). See relation-sides.ts.
 */
export interface CustomerRelationTable {
  id: Generated<string>;
  from_id: string;
  to_id: string;
  type: StoredRelationType;
  note: string | null;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
}

export type CustomerRelationRow = Selectable<CustomerRelationTable>;
