import type { ColumnType, Generated, Selectable } from 'kysely';

export const RESOURCE_KINDS = ['room', 'car', 'laptop', 'equipment'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** Something bookable by activities: a meeting room, a pool car, a loan laptop. */
export interface ResourceTable {
  id: Generated<string>;
  kind: ResourceKind;
  name: string;
  location: string | null;
  capacity: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, never, number>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: ColumnType<Date, Date, Date>;
}

export type ResourceRow = Selectable<ResourceTable>;
