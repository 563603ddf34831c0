import type { FastifyInstance } from 'fastify';
import type { Role } from '../../db/tables/index.js';
import { listAudit, toAuditDto } from './audit-log.repository.js';

const auditEntry = {
  type: 'object',
  required: ['id', 'at', 'actorId', 'onBehalfOfId', 'entityType', 'entityId', 'action'],
  properties: {
    id: { type: 'string' },
    at: { type: 'string', format: 'date-time' },
    actorId: { type: 'string', format: 'uuid' },
    onBehalfOfId: { type: ['string', 'null'], format: 'uuid' },
    entityType: { type: 'string' },
    entityId: { type: 'string' },
    action: { type: 'string' },
    before: {},
    after: {},
  },
} as const;

const query = {
  type: 'object',
  additionalProperties: false,
  properties: {
    entityType: { type: 'string', maxLength: 50 },
    entityId: { type: 'string', maxLength: 100 },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    after: { type: 'string', pattern: '^[0-9]{1,19}$', description: 'The nextCursor of the previous page' },
  },
} as const;

/** The audit trail of CRM writes, newest first (admins only: it holds before/after images). */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { entityType?: string; entityId?: string; limit: number; after?: string } }>('/api/audit-log', {
    config: { access: { roles: ['admin'] as Role[] } },
    schema: {
      tags: ['audit'],
      summary: 'List audit entries',
      querystring: query,
      response: {
        200: { type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: auditEntry }, nextCursor: { type: ['string', 'null'] } } },
        400: { $ref: 'ErrorReply#' },
        401: { $ref: 'ErrorReply#' },
        403: { $ref: 'ErrorReply#' },
      },
    },
    handler: async (request) => {
      const { rows, nextCursor } = await listAudit(app.db, request.query);
      return { items: rows.map(toAuditDto), nextCursor };
    },
  });
}
