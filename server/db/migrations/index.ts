import type { Migration } from 'kysely';
import { engineMigrations } from '../../../engine/index.js';
import { crmMigrations } from '../../crm/db/migrations/index.js';
import * as createUsersSessionsSettings from './2026_11_23_14_30_00_create_users_sessions_settings.js';
import * as integrationRole from './2026_11_24_15_00_00_integration_role.js';

/**
 * Every migration, keyed by its timestamped name (applied in name order). Listed here
 * rather than read from the folder so that the same list works under tsx, tap and a
 * compiled build.
 */
export const serverMigrations: Record<string, Migration> = inNameOrder({
  '2026_11_23_14_30_00_create_users_sessions_settings': createUsersSessionsSettings,
  '2026_11_24_15_00_00_integration_role': integrationRole,
  ...engineMigrations,
  ...crmMigrations,
});

/** The areas' lists interleave in time; listing them in the order they apply keeps the list honest. */
function inNameOrder(migrations: Record<string, Migration>): Record<string, Migration> {
  return Object.fromEntries(Object.entries(migrations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
