import type { ColumnType, Generated, Selectable } from 'kysely';

/** A user's private folder of customers ("teczka"). */
export interface CustomerFolderTable {
  id: Generated<string>;
  owner_id: string;
  name: string;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface CustomerFolderMemberTable {
  folder_id: string;
  customer_id: string;
  added_at: ColumnType<Date, never, never>;
}

export type CustomerFolderRow = Selectable<CustomerFolderTable>;
