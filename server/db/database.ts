import { access } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Logger } from 'pino';
import { lockDataDir } from './data-dir-lock.js';
import { createPgNotificationBus, createPGliteNotificationBus, type NotificationBus } from './notifications.js';
import type { Database } from './tables/index.js';

/**
 * One open database: the kysely instance every repository uses, the notification bus,
 * and how to close both. The two backends run the same migrations and queries.
 */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: 'pglite' | 'postgres';
  readonly notifications: NotificationBus;
  /** Stops listeners, closes the pool or PGlite, releases the data-folder lock. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly log: Pick<Logger, 'info' | 'warn'>;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  const lock = await lockDataDir(options.dataDir);
  try {
    const pglite = await createPGliteWithProgress(options.dataDir, options.log);
    return wrapPGlite(pglite, lock.release);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

export function openPostgres(connectionString: string): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: 10 });
  // An idle client's error (server restart) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const notifications = createPgNotificationBus(connectionString, db);
  return {
    db,
    kind: 'postgres',
    notifications,
    async close() {
      await notifications.close();
      await db.destroy();
    },
  };
}

/** Wraps an already created PGlite (tests create theirs from a template). */
export function wrapPGlite(pglite: PGlite, afterClose: () => Promise<void> = async () => undefined): DatabaseHandle {
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  const notifications = createPGliteNotificationBus(pglite, db);
  return {
    db,
    kind: 'pglite',
    notifications,
    async close() {
      await notifications.close();
      await db.destroy(); // closes the PGlite too
      await afterClose();
    },
  };
}

/** The first start runs initdb inside WebAssembly (~10 s): say so, and show it is alive. */
async function createPGliteWithProgress(dataDir: string, log: OpenDatabaseOptions['log']): Promise<PGlite> {
  const fresh = !(await exists(path.join(dataDir, 'PG_VERSION')));
  if (!fresh) return PGlite.create(dataDir);
  log.info({ dataDir }, 'Creating the embedded PostgreSQL database (first start only, takes about 10 seconds)');
  const started = Date.now();
  const ticker = setInterval(() => {
    log.info({ elapsedSeconds: Math.round((Date.now() - started) / 1000) }, 'Still initialising the embedded database...');
  }, 3000);
  try {
    const pglite = await PGlite.create(dataDir);
    log.info({ elapsedMs: Date.now() - started }, 'Embedded database created');
    return pglite;
  } finally {
    clearInterval(ticker);
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
