import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/tables/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The kysely instance; repositories take it (or a transaction) as their first argument. */
    db: Kysely<Database>;
    database: DatabaseHandle;
  }
}

/** Exposes an opened database. Its owner (main.ts or a test) opens and closes it. */
export const dbPlugin = fp<{ database: DatabaseHandle }>(
  async (app: FastifyInstance, { database }) => {
    app.decorate('database', database);
    app.decorate('db', database.db);
  },
  { name: 'db' },
);
