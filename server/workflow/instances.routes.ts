import type { FastifyInstance } from 'fastify';
import type { JsonObject } from '../../engine/index.js';
import type { Role } from '../db/tables/index.js';
import { recordAudit } from '../crm/audit/audit-log.repository.js';
import { notFound } from '../errors.js';
import { principalOf } from '../plugins/access.plugin.js';
import { unwrap } from './engine-errors.js';
import { activityInstanceSchema, errorReply, instanceDetailSchema, instanceSchema, keyParams, variablesSchema } from './workflow.schemas.js';

const overseers = { access: { roles: ['manager', 'designer'] as Role[] } };
const STATES = ['active', 'completed', 'terminated', 'incident'];

/** Process instances (list, get, variables, cancel) and their activity history. */
export async function instanceRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: { processDefinitionKey?: string; businessKey?: string; state?: string; parentInstanceId?: string; limit: number; after?: string } }>('/api/process-instances', {
    config: overseers,
    schema: {
      tags: ['engine'],
      summary: 'List process instances, newest first (the next page: `after` = the header x-next-cursor)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          processDefinitionKey: { type: 'string' },
          businessKey: { type: 'string' },
          state: { enum: STATES },
          parentInstanceId: { type: 'string' },
          limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          after: { type: 'string' },
        },
      },
      response: { 200: { type: 'array', items: instanceSchema }, 400: errorReply, 401: errorReply, 403: errorReply },
    },
    handler: async (request, reply) => {
      const page = await app.engine.listInstances(request.query);
      if (page.nextCursor) reply.header('x-next-cursor', page.nextCursor);
      return page.items;
    },
  });

  app.get<{ Params: { id: string } }>('/api/process-instances/:id', {
    config: { access: 'authenticated' },
    schema: { tags: ['engine'], summary: 'A process instance with its variables (also once it has ended)', params: keyParams('id'), response: { 200: instanceDetailSchema, 404: errorReply } },
    handler: async (request) => (await app.engine.getInstance(request.params.id)) ?? Promise.reject(notFound('Process instance', request.params.id)),
  });

  app.get<{ Params: { id: string } }>('/api/process-instances/:id/variables', {
    config: { access: 'authenticated' },
    schema: { tags: ['engine'], summary: "The instance's variables", params: keyParams('id'), response: { 200: variablesSchema, 404: errorReply } },
    handler: async (request) => {
      const instance = await app.engine.getInstance(request.params.id);
      if (!instance) throw notFound('Process instance', request.params.id);
      return instance.variables;
    },
  });

  app.patch<{ Params: { id: string }; Body: JsonObject }>('/api/process-instances/:id/variables', {
    config: overseers,
    schema: { tags: ['engine'], summary: 'Set variables of a running instance (e.g. to fix the data behind an incident)', params: keyParams('id'), body: variablesSchema, response: { 200: instanceSchema, 404: errorReply, 409: errorReply } },
    handler: async (request) => {
      const outcome = unwrap(await app.engine.setVariables(request.params.id, request.body));
      return { id: outcome.id, state: outcome.state };
    },
  });

  app.post<{ Params: { id: string } }>('/api/process-instances/:id/cancel', {
    config: overseers,
    schema: { tags: ['engine'], summary: 'Cancel a running instance (its called children too)', params: keyParams('id'), response: { 200: instanceSchema, 404: errorReply, 409: errorReply } },
    handler: async (request) => {
      const outcome = unwrap(await app.engine.cancelInstance(request.params.id));
      await recordAudit(app.db, { userId: principalOf(request).userId, onBehalfOf: null }, { entityType: 'process-instance', entityId: request.params.id, action: 'cancel' });
      return { id: outcome.id, state: outcome.state };
    },
  });

  app.get<{ Querystring: { processInstanceId: string } }>('/api/history/activity-instances', {
    config: { access: 'authenticated' },
    schema: {
      tags: ['engine'],
      summary: 'Activity instances of a process instance in start order: one per loop iteration and multi-instance instance',
      querystring: { type: 'object', required: ['processInstanceId'], additionalProperties: false, properties: { processInstanceId: { type: 'string', minLength: 1 } } },
      response: { 200: { type: 'array', items: activityInstanceSchema }, 400: errorReply },
    },
    handler: async (request) => app.engine.activityHistory(request.query.processInstanceId),
  });

  app.get<{ Querystring: { processInstanceId?: string; open: boolean } }>('/api/incidents', {
    config: overseers,
    schema: {
      tags: ['engine'],
      summary: 'Incidents (open ones unless open=false)',
      querystring: { type: 'object', additionalProperties: false, properties: { processInstanceId: { type: 'string' }, open: { type: 'boolean', default: true } } },
      response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } } },
    },
    handler: async (request) => app.engine.listIncidents({ ...(request.query.processInstanceId ? { processInstanceId: request.query.processInstanceId } : {}), open: request.query.open }),
  });

  app.post<{ Params: { id: string }; Body: { retries?: number } | undefined }>('/api/incidents/:id/resolve', {
    config: overseers,
    schema: {
      tags: ['engine'],
      summary: 'Resolve an incident: its job gets retries again, or the failed step runs again',
      params: keyParams('id'),
      body: { type: ['object', 'null'], additionalProperties: false, properties: { retries: { type: 'integer', minimum: 1, maximum: 100 } } },
      response: { 200: instanceSchema, 404: errorReply },
    },
    handler: async (request) => {
      const outcome = unwrap(await app.engine.resolveIncident(request.params.id, request.body?.retries));
      return { id: outcome.id, state: outcome.state };
    },
  });
}
