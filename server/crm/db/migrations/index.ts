import type { Migration } from 'kysely';

/** The CRM's migrations, by timestamped name; merged with the server's (applied in name order). */
export const crmMigrations: Record<string, Migration> = {};
