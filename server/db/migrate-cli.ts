// `npm run migrate`: apply pending migrations to the configured database and exit.
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const config = loadConfig();
const log = createLogger(config.logLevel);
const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
try {
  const applied = await migrateToLatest(handle.db);
  log.info({ applied, database: handle.kind }, applied.length ? 'Migrations applied' : 'Database schema is current');
} finally {
  await handle.close();
}
