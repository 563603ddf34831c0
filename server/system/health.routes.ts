import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { migrationStatus } from '../db/migrate.js';

const healthReply = {
  type: 'object',
  required: ['status', 'database', 'migrations'],
  properties: {
    status: { enum: ['ok', 'unavailable'] },
    code: { type: 'string' },
    message: { type: 'string' },
    database: { type: 'object', properties: { kind: { enum: ['pglite', 'postgres'] }, reachable: { type: 'boolean' } } },
    migrations: { type: 'object', properties: { current: { type: 'boolean' }, pending: { type: 'array', items: { type: 'string' } } } },
  },
} as const;

/** Liveness and readiness for load balancers and people: database reachable, schema current. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'], summary: 'Is the server ready?', response: { 200: healthReply, 503: healthReply } },
    logLevel: 'warn',
    handler: async (_request, reply) => {
      const database = { kind: app.database.kind, reachable: false };
      try {
        await sql`select 1`.execute(app.db);
        database.reachable = true;
        const { pending } = await migrationStatus(app.db);
        const migrations = { current: pending.length === 0, pending };
        if (pending.length === 0) return { status: 'ok', database, migrations };
        return reply.code(503).send({ status: 'unavailable', code: 'SRV_ERR_UNAVAILABLE', message: `${pending.length} migration(s) pending`, database, migrations });
      } catch (error) {
        reply.log.error({ err: error }, 'health check: database unreachable');
        return reply
          .code(503)
          .send({ status: 'unavailable', code: 'SRV_ERR_UNAVAILABLE', message: 'The database does not answer', database, migrations: { current: false, pending: [] } });
      }
    },
  });
}
