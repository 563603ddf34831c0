import type { SessionTable } from './session.table.js';
import type { SettingTable } from './setting.table.js';
import type { UserTable } from './user.table.js';

/** Every table the server's kysely instance knows, by SQL name. */
export interface Database {
  users: UserTable;
  sessions: SessionTable;
  settings: SettingTable;
}

export * from './session.table.js';
export * from './setting.table.js';
export * from './user.table.js';
