import type { ColumnType } from 'kysely';

/** Installation-wide values that every node must share (e.g. the token signing secret). */
export interface SettingTable {
  key: string;
  value: string;
  created_at: ColumnType<Date, never, never>;
}
