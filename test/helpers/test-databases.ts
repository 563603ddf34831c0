import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Test } from 'tap';
import { openPostgres, wrapPGlite, type DatabaseHandle } from '../../server/db/database.js';
import { createPGliteFromTemplate } from './pglite-template.js';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when `DATABASE_URL` names a server. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A database of its own for one test: an in-memory PGlite, or a new database on the
 * PostgreSQL server (dropped on close), so parallel test files never see each other.
 */
export async function openTestDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') return wrapPGlite(await createPGliteFromTemplate());
  const { url, drop } = await createScratchDatabase(requiredUrl());
  const handle = openPostgres(url);
  return {
    ...handle,
    async close() {
      await handle.close();
      await drop();
    },
  };
}

/** Creates a throwaway database on the server of `baseUrl`; `drop` removes it. */
export async function createScratchDatabase(baseUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ff_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdminClient(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * Runs `body` once per database kind as a subtest with its own fresh database.
 * The database is closed (and dropped) when the subtest ends.
 */
export function eachDatabase(t: Test, body: (t: Test, database: DatabaseHandle) => Promise<void>): void {
  for (const kind of databaseKinds()) {
    t.test(`on ${kind}`, async (t) => {
      const database = await openTestDatabase(kind);
      t.teardown(() => database.close());
      await body(t, database);
    });
  }
}

function requiredUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Expected DATABASE_URL for a postgres test database, but it is not set');
  return url;
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
