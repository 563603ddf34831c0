import type { EngineTables } from '../../../engine/index.js';
import type { CrmTables } from '../../crm/db/tables.js';
import type { SessionTable } from './session.table.js';
import type { SettingTable } from './setting.table.js';
import type { UserTable } from './user.table.js';

/** The server's own tables. */
export interface CoreTables {
  users: UserTable;
  sessions: SessionTable;
  settings: SettingTable;
}

/** Every table the server's kysely instance knows, by SQL name. */
export interface Database extends CoreTables, CrmTables, EngineTables {}

export * from './session.table.js';
export * from './setting.table.js';
export * from './user.table.js';
