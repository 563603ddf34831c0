// `npm start`: configuration → database (embedded or PostgreSQL) → migrations → server.
import { buildApp } from './app.js';
import { prepareDatabase } from './bootstrap.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { openDatabase } from './db/database.js';
import { createLogger } from './logger.js';

const SHUTDOWN_GRACE_MS = 10_000;

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const log = createLogger(config.logLevel);
let database;
try {
  database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
} catch (error) {
  if (!(error instanceof DataDirLockedError)) throw error;
  log.fatal(error.message);
  process.exit(1);
}
log.info(
  { database: database.kind, ...(database.kind === 'pglite' ? { dataDir: config.dataDir } : {}) },
  database.kind === 'pglite' ? 'Using the embedded PostgreSQL (set DATABASE_URL to use a PostgreSQL server)' : 'Using PostgreSQL',
);

const { tokenSecret } = await prepareDatabase(database, config, log);
const app = await buildApp({ config, database, tokenSecret, logger: log });
// Closed last (fastify closes in reverse): requests and websockets first, then the pool.
app.addHook('onClose', async () => database.close());

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'Shutting down: finishing in-flight requests');
  const force = setTimeout(() => {
    log.error('Shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  await app.close();
  log.info('Stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
log.info(`Funnelflow is ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`);
