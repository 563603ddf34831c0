import type { ColumnType, Generated, Selectable } from 'kysely';
import type { SegmentFilter } from './segment-filter.types.js';

export const SEGMENT_KINDS = ['static', 'dynamic'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/**
 * A named customer list. `static`: explicit members (segment_members), `filter` only records
 * how the snapshot was taken, if it was. `dynamic`: `filter` is evaluated at every read.
 */
export interface SegmentTable {
  id: Generated<string>;
  name: string;
  description: string | null;
  kind: SegmentKind;
  filter: ColumnType<SegmentFilter | null, string | null, string | null>;
  owner_id: string;
  version: ColumnType<number, never, number>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SegmentMemberTable {
  segment_id: string;
  customer_id: string;
  added_at: ColumnType<Date, never, never>;
}

export type SegmentRow = Selectable<SegmentTable>;
