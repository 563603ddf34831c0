import type { ColumnType, Generated, Selectable } from 'kysely';

export const ORG_UNIT_KINDS = ['head_office', 'region', 'branch', 'team'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** A node of the org tree; `path` is `/<ancestor ids…>/<own id>/` (see the migration). */
export interface OrgUnitTable {
  id: string;
  kind: OrgUnitKind;
  name: string;
  parent_id: string | null;
  path: string;
  /** Territory code; a team without one lies in no particular region. */
  region: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

/** A seat in a unit; `is_head` seats make their holders managers of the unit's subtree. */
export interface PositionTable {
  id: Generated<string>;
  unit_id: string;
  title: string;
  is_head: boolean;
  created_at: ColumnType<Date, never, never>;
}

/** Who sits in which seat: a user may hold several positions, a position several users. */
export interface UserPositionTable {
  user_id: string;
  position_id: string;
  created_at: ColumnType<Date, never, never>;
}

/** A stands-in-for: during [starts_at, ends_at) `substitute_id` acts for `absent_user_id`. */
export interface SubstitutionTable {
  id: Generated<string>;
  absent_user_id: string;
  substitute_id: string;
  starts_at: Date;
  ends_at: Date;
  created_by: string;
  created_at: ColumnType<Date, never, never>;
}

export type OrgUnitRow = Selectable<OrgUnitTable>;
export type PositionRow = Selectable<PositionTable>;
export type SubstitutionRow = Selectable<SubstitutionTable>;
