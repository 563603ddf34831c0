import type { Migration } from 'kysely';
import * as createEngineTables from './2026_11_23_15_30_00_create_engine_tables.js';
import * as engineEvents from './2026_11_24_09_00_00_engine_events.js';
import * as jobClaimIndex from './2026_11_25_09_00_00_job_claim_index.js';

/** The engine's migrations by timestamped name; the server runs them with its own. */
export const engineMigrations: Record<string, Migration> = {
  '2026_11_23_15_30_00_create_engine_tables': createEngineTables,
  '2026_11_24_09_00_00_engine_events': engineEvents,
  '2026_11_25_09_00_00_job_claim_index': jobClaimIndex,
};
